import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from './support/fake-slack-api.ts';
import { ingressConfig } from './support/ingress-config.ts';
import { postSigned, slashCommandBody } from './support/signed-requests.ts';
import { BOT_TOKEN, startSlackApp, type RunningSlackApp } from './support/slack-app.ts';

const slack = new FakeSlackApi();
let app: RunningSlackApp;
let slowDispatch = 0;
let failDispatch = false;

beforeAll(async () => {
  await slack.start();
  app = await startSlackApp({
    config: ingressConfig(),
    slackApiUrl: slack.apiUrl,
    dispatch: async () => {
      if (slowDispatch) await new Promise((resolve) => setTimeout(resolve, slowDispatch));
      if (failDispatch) throw new Error('AccessDeniedException: not authorized to perform lambda:InvokeFunction');
    },
  });
});
afterAll(async () => Promise.all([app.close(), slack.close()]));
afterEach(() => {
  app.jobs.length = 0;
  slack.calls.length = 0;
  slowDispatch = 0;
  failDispatch = false;
});

describe('/k8s over real signed HTTP into the Bolt receiver', () => {
  it('acks "Looking at …" and dispatches a job with the channel binding applied', async () => {
    const response = await postSigned(app.url, slashCommandBody({ text: 'why checkout-7d9f', response_url: slack.responseUrl('r1') }));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ response_type: 'ephemeral', text: 'Looking at checkout-7d9f in shop on prod…' });
    expect(app.jobs).toEqual([
      expect.objectContaining({
        id: 'slash-1337.42.d2f0a1b2c3',
        origin: 'slash',
        command: { verb: 'why', target: 'checkout-7d9f' },
        namespace: 'shop',
        cluster: 'prod',
        visibility: 'ephemeral',
        channelId: 'C0SHOP0001',
        userId: 'U0ONCALL01',
        teamId: 'T0TEAM0001',
        responseUrl: slack.responseUrl('r1'),
      }),
    ]);
    expect(JSON.stringify(app.jobs[0])).not.toContain(BOT_TOKEN);
  });

  it('lets flags override the binding, and triage, logs and events say what they do', async () => {
    const ack = async (text: string) => (await postSigned(app.url, slashCommandBody({ text }))).json();
    expect(await ack('logs api-1 -n orders --previous --cluster staging')).toMatchObject({ text: 'Reading the previous logs of api-1 in orders on staging…' });
    expect(await ack('triage')).toMatchObject({ text: 'Triaging namespace shop on prod…' });
    expect(app.jobs.map((job) => [job.command.verb, job.namespace, job.cluster])).toEqual([
      ['logs', 'orders', 'staging'],
      ['triage', 'shop', 'prod'],
    ]);
  });

  it('answers before the hand-over to the worker finishes', async () => {
    slowDispatch = 1500;
    const started = performance.now();
    const response = await postSigned(app.url, slashCommandBody({ text: 'why checkout' }));
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects a bad signature with 401 and runs nothing', async () => {
    const response = await postSigned(app.url, slashCommandBody({ text: 'why checkout' }), { secret: 'someone-elses-secret' });
    expect(response.status).toBe(401);
    expect(app.jobs).toEqual([]);
  });

  it('rejects a replayed request whose timestamp is more than five minutes old', async () => {
    const response = await postSigned(app.url, slashCommandBody({ text: 'why checkout' }), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(response.status).toBe(401);
    expect(app.logger.lines.some((line) => line.msg.includes('stale'))).toBe(true);
    expect(app.jobs).toEqual([]);
  });

  it('rejects a signed but malformed body with 400', async () => {
    const response = await postSigned(app.url, '{"type": "event_callback", "event": {', { contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(app.jobs).toEqual([]);
  });

  it('answers a typo with the nearest command and its usage, ephemerally, and dispatches nothing', async () => {
    const body = (await postSigned(app.url, slashCommandBody({ text: 'wyh checkout' }))).json() as { response_type: string; text: string };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('unknown command "wyh": did you mean "why"?');
    expect(body.text).toContain('`/k8s why &lt;pod|prefix|kind/name&gt; [-n namespace] [--cluster name]`');
    expect(body.text).not.toMatch(/at \w+ \(|Error:/);
    expect(app.jobs).toEqual([]);
  });

  it('answers a missing target with what to type', async () => {
    const body = (await postSigned(app.url, slashCommandBody({ text: 'why' }))).json() as { text: string };
    expect(body.text).toContain('"why" needs a target: a pod name, a prefix of one, or kind/name');
    expect(app.jobs).toEqual([]);
  });

  it('answers an unknown --cluster with the clusters there are', async () => {
    const body = (await postSigned(app.url, slashCommandBody({ text: 'why checkout --cluster prdo' }))).json() as { text: string };
    expect(body.text).toBe(':warning: no cluster "prdo": did you mean "prod"? Clusters: prod, staging');
    expect(app.jobs).toEqual([]);
  });

  it('/k8s help and /k8s with nothing list the commands under the app\'s own slash command', async () => {
    for (const text of ['help', '']) {
      const body = (await postSigned(app.url, slashCommandBody({ text, command: '/why' }))).json() as { text: string };
      expect(body.text).toContain('`/why triage [-n namespace | -A] [--cluster name]`');
      expect(body.text).toContain('@k8s-why why checkout-7d9f');
    }
    expect(app.jobs).toEqual([]);
  });

  it('when the worker cannot be reached, says so once through the response_url', async () => {
    failDispatch = true;
    const response = await postSigned(app.url, slashCommandBody({ text: 'why checkout', response_url: slack.responseUrl('lost') }));
    expect(response.json()).toMatchObject({ text: 'Looking at checkout in shop on prod…' });
    await expect.poll(() => slack.callsTo('lost').length).toBe(1);
    expect(slack.callsTo('lost')[0]!.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('the worker could not be reached (AccessDeniedException') });
    expect(app.logger.lines.find((line) => line.msg === 'job dispatch failed')).toMatchObject({ level: 'error', verb: 'why', channel: 'C0SHOP0001' });
  });
});
