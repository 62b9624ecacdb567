import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerButtons, BUTTON } from '../../src/slack/buttons.ts';
import type { SlackJob } from '../../src/slack/job.ts';
import { withoutMention } from '../../src/slack/ingress/app-mention.ts';
import * as alerts from './alert-messages.ts';
import { FakeSlackApi } from './support/fake-slack-api.ts';
import { ingressConfig } from './support/ingress-config.ts';
import { eventBody, interactionBody, postSigned } from './support/signed-requests.ts';
import { startSlackApp, type RunningSlackApp } from './support/slack-app.ts';

const slack = new FakeSlackApi();
let app: RunningSlackApp;

beforeAll(async () => {
  await slack.start();
  app = await startSlackApp({ config: ingressConfig(), slackApiUrl: slack.apiUrl });
});
afterAll(async () => Promise.all([app.close(), slack.close()]));
afterEach(() => {
  app.jobs.length = 0;
  slack.calls.length = 0;
});

const INCIDENT_THREAD = '1712130000.000100';

function mention(text: string, extra: Record<string, unknown> = {}) {
  return eventBody({ type: 'app_mention', user: 'U0ONCALL01', text, ts: '1712130099.000900', thread_ts: INCIDENT_THREAD, channel: 'C0INCIDENT1', event_ts: '1712130099.000900', ...extra });
}

function shortcut(message: Record<string, unknown>, responseId = 'shortcut') {
  return interactionBody({
    type: 'message_action',
    callback_id: 'diagnose_pod',
    trigger_id: '2001.42.shortcut',
    message_ts: message.ts,
    response_url: slack.responseUrl(responseId),
    message,
    user: { id: 'U0ONCALL01', name: 'oncall', team_id: 'T0TEAM0001' },
    channel: { id: 'C0ALERTS01', name: 'shop-oncall' },
    team: { id: 'T0TEAM0001', domain: 'acme' },
    token: 'deprecated-verification-token',
    action_ts: '1712150000.1',
  });
}

describe('app mentions in incident threads', () => {
  it('answers in the thread it was asked in, with the bot mention stripped and the channel bound by ID', async () => {
    const response = await postSigned(app.url, mention('<@U0K8SWHY01> why api-7d9f8c6b5-x2x7q'), { contentType: 'application/json' });
    expect(response.status).toBe(200);
    await expect.poll(() => app.jobs.length).toBe(1);
    expect(app.jobs[0]).toMatchObject({
      id: 'mention-Ev0MENTION01',
      origin: 'mention',
      command: { verb: 'why', target: 'api-7d9f8c6b5-x2x7q' },
      channelId: 'C0INCIDENT1',
      threadTs: INCIDENT_THREAD,
      namespace: 'payments',
      cluster: 'prod',
      visibility: 'in_channel',
    });
    expect(app.jobs[0]!.responseUrl).toBeUndefined();
  });

  it('a mention outside a thread starts one under itself', async () => {
    await postSigned(app.url, mention('<@U0K8SWHY01> events web-1', { thread_ts: undefined }), { contentType: 'application/json' });
    await expect.poll(() => app.jobs.length).toBe(1);
    expect(app.jobs[0]).toMatchObject({ threadTs: '1712130099.000900', command: { verb: 'events' } });
  });

  it('a typo is answered privately in the thread, and nothing is dispatched', async () => {
    await postSigned(app.url, mention('<@U0K8SWHY01> describ api-1'), { contentType: 'application/json' });
    await expect.poll(() => slack.callsTo('chat.postEphemeral').length).toBe(1);
    expect(slack.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ channel: 'C0INCIDENT1', user: 'U0ONCALL01', thread_ts: INCIDENT_THREAD, text: expect.stringContaining('did you mean "describe"?') });
    expect(app.jobs).toEqual([]);
  });

  it("ignores Slack's re-delivery of a mention whose first delivery is still being answered", async () => {
    const body = mention('<@U0K8SWHY01> why api-1');
    await postSigned(app.url, body, { contentType: 'application/json', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(app.jobs).toEqual([]);
  });

  it('finds the text after the bot mention wherever it is', () => {
    expect(withoutMention('hey <@U0K8SWHY01> why web-1 -n shop', 'U0K8SWHY01')).toBe('why web-1 -n shop');
    expect(withoutMention('<@U0K8SWHY01|k8s-why> triage', undefined)).toBe('triage');
  });
});

describe('"Diagnose pod" on an alert message', () => {
  it('reads the Alertmanager alert and answers in its thread', async () => {
    const response = await postSigned(app.url, shortcut(alerts.ALERTMANAGER_CRASHLOOP));
    expect(response.status).toBe(200);
    await expect.poll(() => slack.callsTo('shortcut').length).toBe(1);
    expect(app.jobs).toEqual([
      expect.objectContaining({
        origin: 'shortcut',
        command: { verb: 'why', target: 'checkout-7d9f8b6c5-x2x9z', namespace: 'shop' },
        namespace: 'shop',
        threadTs: alerts.ALERTMANAGER_CRASHLOOP.ts,
        channelId: 'C0ALERTS01',
        responseUrl: slack.responseUrl('shortcut'),
      }),
    ]);
    expect(slack.callsTo('shortcut')[0]!.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining("Looking at checkout-7d9f8b6c5-x2x9z in shop on prod… (from the alert's pod label)") });
  });

  it("maps the alert's EKS cluster name to the configured cluster", async () => {
    await postSigned(app.url, shortcut(alerts.DATADOG_CRASHLOOP, 'datadog'));
    await expect.poll(() => slack.callsTo('datadog').length).toBe(1);
    expect(app.jobs[0]).toMatchObject({ cluster: 'prod', namespace: 'payments', command: { target: 'ledger-5b6f7c9d4-qwz8p', cluster: 'prod' } });
  });

  it('says what it looked for when the message names no pod', async () => {
    await postSigned(app.url, shortcut(alerts.NODE_NOT_READY, 'node'));
    await expect.poll(() => slack.callsTo('node').length).toBe(1);
    const text = String(slack.callsTo('node')[0]!.args.text);
    expect(text).toContain('I could not find a pod or workload in that message');
    expect(text).toContain('Datadog tags: pod_name:…, kube_namespace:…');
    expect(text).toContain('/k8s why <pod> -n <namespace>');
    expect(app.jobs).toEqual([]);
  });
});

describe('buttons under an answer', () => {
  const answered: SlackJob = {
    id: 'slash-1',
    command: { verb: 'why', target: 'api' },
    origin: 'slash',
    teamId: 'T0TEAM0001',
    channelId: 'C0SHOP0001',
    userId: 'U0ONCALL01',
    visibility: 'ephemeral',
    namespace: 'shop',
    cluster: 'prod',
    receivedAt: '2024-04-03T10:00:00Z',
  };
  const buttons = answerButtons(answered, { pod: 'api-7d9f8c6b5-x2x7q', restarted: true, container: 'api' });

  function click(actionId: string, container: Record<string, unknown> = { type: 'message', message_ts: '1712150000.000300', channel_id: 'C0SHOP0001', is_ephemeral: true }) {
    const button = buttons.find((b) => b.actionId === actionId)!;
    return interactionBody({
      type: 'block_actions',
      user: { id: 'U0OTHER001', username: 'sre', team_id: 'T0TEAM0001' },
      api_app_id: 'A0K8SWHY01',
      token: 'deprecated-verification-token',
      container,
      trigger_id: '3001.42.click',
      team: { id: 'T0TEAM0001', domain: 'acme' },
      channel: { id: 'C0SHOP0001', name: 'shop-oncall' },
      response_url: slack.responseUrl('click'),
      actions: [{ type: 'button', action_id: button.actionId, block_id: 'k8s-why-actions', text: { type: 'plain_text', text: button.text }, value: button.value, action_ts: '1712150001.2' }],
    });
  }

  it('offers Previous logs, Events, Re-run and, on a private answer, Share in channel', () => {
    expect(buttons.map((b) => b.text)).toEqual(['Previous logs', 'Events', 'Re-run', 'Share in channel']);
    expect(answerButtons({ ...answered, visibility: 'in_channel' }, { pod: 'web-1', restarted: false }).map((b) => b.text)).toEqual(['Events', 'Re-run']);
  });

  it('"Previous logs" dispatches logs --previous for the exact pod and container', async () => {
    expect((await postSigned(app.url, click(BUTTON.previousLogs))).status).toBe(200);
    await expect.poll(() => app.jobs.length).toBe(1);
    expect(app.jobs[0]).toMatchObject({
      origin: 'button',
      command: { verb: 'logs', target: 'pod/api-7d9f8c6b5-x2x7q', previous: true, container: 'api' },
      namespace: 'shop',
      cluster: 'prod',
      userId: 'U0OTHER001',
      visibility: 'ephemeral',
      responseUrl: slack.responseUrl('click'),
    });
  });

  it('"Share in channel" re-runs the question for everyone', async () => {
    await postSigned(app.url, click(BUTTON.share));
    await expect.poll(() => app.jobs.length).toBe(1);
    expect(app.jobs[0]).toMatchObject({ command: { verb: 'why', target: 'api' }, visibility: 'in_channel' });
    expect(app.jobs[0]!.threadTs).toBeUndefined();
  });

  it("follow-ups to a visible answer go in that answer's thread", async () => {
    await postSigned(app.url, click(BUTTON.events, { type: 'message', message_ts: '1712150000.000300', channel_id: 'C0SHOP0001', is_ephemeral: false }));
    await expect.poll(() => app.jobs.length).toBe(1);
    expect(app.jobs[0]).toMatchObject({ command: { verb: 'events', target: 'pod/api-7d9f8c6b5-x2x7q' }, threadTs: '1712150000.000300' });
  });
});
