import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/slack/run-job.ts';
import { ALERTMANAGER_CRASHLOOP } from './alert-messages.ts';
import { startDemoCluster, type DemoCluster } from './support/demo-cluster.ts';
import { FakeSlackApi } from './support/fake-slack-api.ts';
import { eventBody, interactionBody, postSigned, slashCommandBody } from './support/signed-requests.ts';
import { BOT_TOKEN, recordingLogger, startSlackApp, type RunningSlackApp } from './support/slack-app.ts';

// The whole Slack path in one process, as `npm run dev` wires it: signed request -> Bolt ->
// listener -> job -> worker (run inline after the ack) -> live reader -> replay API server ->
// the answer posted to the Slack API. Only the Lambda hop between ingress and worker is missing.

const slack = new FakeSlackApi();
let cluster: DemoCluster;
let app: RunningSlackApp;
const workerLog = recordingLogger();

beforeAll(async () => {
  await slack.start();
  cluster = await startDemoCluster('channels:\n  C0INCIDENT1: { namespace: shop, visibility: in_channel }\n');
  app = await startSlackApp({
    config: cluster.config,
    slackApiUrl: slack.apiUrl,
    dispatch: async (job) => {
      void runJob(job, { botToken: BOT_TOKEN, config: cluster.config, openReader: cluster.openReader, slackApiUrl: slack.apiUrl, now: () => cluster.now, logger: workerLog });
    },
  });
});
afterAll(async () => Promise.all([app.close(), slack.close(), cluster.close()]));

const header = (blocks: unknown) => ((blocks as { type: string; text?: { text: string } }[]).find((b) => b.type === 'header')?.text?.text ?? '');

describe('from a question in Slack to the answer in Slack', () => {
  it('a mention in an incident thread is answered in that thread', async () => {
    const thread = '1712130000.000100';
    const event = { type: 'app_mention', user: 'U0ONCALL01', text: '<@U0K8SWHY01> why api-7d9f8c6b5-x2x7q', ts: '1712130099.000900', thread_ts: thread, channel: 'C0INCIDENT1', event_ts: '1712130099.000900' };
    expect((await postSigned(app.url, eventBody(event, 'Ev0E2E0001'), { contentType: 'application/json' })).status).toBe(200);
    await expect.poll(() => slack.callsTo('chat.postMessage').find((call) => call.args.thread_ts === thread), { timeout: 5000 }).toBeDefined();
    const answer = slack.callsTo('chat.postMessage').find((call) => call.args.thread_ts === thread)!;
    expect(answer.args.channel).toBe('C0INCIDENT1');
    expect(header(answer.args.blocks)).toMatch(/api was OOMKilled at its 512Mi memory limit/);
  });

  it('"Diagnose pod" on an Alertmanager alert is answered in the alert\'s thread', async () => {
    const alert = JSON.parse(JSON.stringify(ALERTMANAGER_CRASHLOOP).replaceAll('checkout-7d9f8b6c5-x2x9z', 'catalog-84d6f7c9b-r5t2w'));
    const payload = {
      type: 'message_action',
      callback_id: 'diagnose_pod',
      trigger_id: '2002.42.e2e',
      message_ts: alert.ts,
      response_url: slack.responseUrl('e2e-shortcut'),
      message: alert,
      user: { id: 'U0ONCALL01', name: 'oncall', team_id: 'T0TEAM0001' },
      channel: { id: 'C0INCIDENT1', name: 'incidents' },
      team: { id: 'T0TEAM0001', domain: 'acme' },
      token: 'deprecated-verification-token',
      action_ts: '1712150000.1',
    };
    expect((await postSigned(app.url, interactionBody(payload))).status).toBe(200);
    await expect.poll(() => slack.callsTo('chat.postMessage').find((call) => call.args.thread_ts === alert.ts), { timeout: 5000 }).toBeDefined();
    const answer = slack.callsTo('chat.postMessage').find((call) => call.args.thread_ts === alert.ts)!;
    expect(header(answer.args.blocks)).toMatch(/liveness probe/);
  });

  it('a slash command in a channel without a binding answers privately through its response_url', async () => {
    const response = await postSigned(app.url, slashCommandBody({ text: 'why checkout-7d9f4b6c8-qz5nl', channel_id: 'C0RANDOM01', channel_name: 'random', response_url: slack.responseUrl('e2e-slash') }));
    expect(response.json()).toEqual({ response_type: 'ephemeral', text: 'Looking at checkout-7d9f4b6c8-qz5nl in shop on prod…' });
    await expect.poll(() => slack.callsTo('e2e-slash').length, { timeout: 5000 }).toBe(1);
    const answer = slack.callsTo('e2e-slash')[0]!.args;
    expect(answer.response_type).toBe('ephemeral');
    expect(header(answer.blocks)).toContain('payments.url');
  });
});
