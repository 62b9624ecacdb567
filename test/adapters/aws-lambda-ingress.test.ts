import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createIngressHandler, handler as deployedHandler, type IngressHandler } from '../../src/adapters/aws-lambda/ingress.ts';
import type { Env } from '../../src/app/environment.ts';
import type { Logger, LogLevel } from '../../src/slack/log.ts';
import { FakeSlackApi } from '../slack/support/fake-slack-api.ts';
import { eventBody, SIGNING_SECRET, slashCommandBody } from '../slack/support/signed-requests.ts';
import { FakeAws } from './support/fake-aws.ts';
import { functionUrlEvent, lambdaContext } from './support/function-url-event.ts';

// The ingress Lambda fed what a Function URL delivers: signed payload-format-2.0 events, and
// the broken ones the internet sends too. The hand-over is the real SDK's InvokeCommand,
// recorded by a local endpoint that AWS_ENDPOINT_URL_LAMBDA points the client at.

const aws = new FakeAws();
const slack = new FakeSlackApi();
const saved = { ...process.env };
const logs: { level: LogLevel; msg: string; fields: Record<string, unknown> }[] = [];
const logger: Logger = { log: (level, msg, fields = {}) => logs.push({ level, msg, fields }) };
let env: Env;
let ingress: IngressHandler;
const context = lambdaContext('k8s-why-test-ingress', 10_000);

beforeAll(async () => {
  await Promise.all([aws.start(), slack.start()]);
  Object.assign(process.env, aws.env());
  const dir = mkdtempSync(join(tmpdir(), 'k8s-why-ingress-'));
  const config = join(dir, 'k8s-why.yaml');
  writeFileSync(config, 'clusters:\n  prod: { namespace: shop, auth: { type: eks, clusterName: prod-eu, region: eu-west-1 } }\nchannels:\n  "#shop-oncall": { namespace: shop }\n');
  env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-1-2-ingresstest', SLACK_API_URL: slack.apiUrl, K8S_WHY_CONFIG: config, WORKER_FUNCTION_NAME: 'k8s-why-test-worker' };
  ingress = createIngressHandler({ env, logger });
});
afterAll(async () => {
  process.env = saved;
  await Promise.all([aws.close(), slack.close()]);
});
afterEach(() => {
  aws.invokes.length = 0;
  slack.calls.length = 0;
  logs.length = 0;
});

const slashEvent = (text: string, options: Parameters<typeof functionUrlEvent>[1] = {}) => functionUrlEvent(slashCommandBody({ text, response_url: slack.responseUrl('r1') }), { base64: true, ...options });
const rejections = () => logs.filter((entry) => entry.msg === 'request rejected').map((entry) => entry.fields);

describe('ingress handler: accepted commands', () => {
  it('is the two-argument async handler the nodejs24.x runtime requires', () => {
    expect(deployedHandler).toBeTypeOf('function');
    expect(deployedHandler.length).toBe(2);
    expect(deployedHandler.constructor.name).toBe('AsyncFunction');
  });

  it('acks a signed /k8s why and hands the job to the worker with an Event invoke', async () => {
    const answer = await ingress(slashEvent('why checkout-7d9f'), context);
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ response_type: 'ephemeral', text: 'Looking at checkout-7d9f in shop on prod…' });
    expect(aws.invokes).toEqual([
      {
        functionName: 'k8s-why-test-worker',
        invocationType: 'Event',
        signed: true,
        payload: expect.objectContaining({ origin: 'slash', command: { verb: 'why', target: 'checkout-7d9f' }, channelId: 'C0SHOP0001', namespace: 'shop', cluster: 'prod', responseUrl: slack.responseUrl('r1') }),
      },
    ]);
  });

  it('verifies a body that arrives as plain text with a charset on its Content-Type', async () => {
    const answer = await ingress(slashEvent('why checkout-7d9f', { base64: false, contentType: 'application/x-www-form-urlencoded; charset=utf-8' }), context);
    expect(answer.statusCode).toBe(200);
    expect(aws.invokes).toHaveLength(1);
  });

  it('verifies a base64 JSON body holding non-ASCII text as Slack signed it (UTF-8)', async () => {
    // Form bodies are percent-encoded ASCII; an Events API body is raw UTF-8 JSON.
    const body = eventBody({ type: 'app_mention', user: 'U0ONCALL01', text: '<@U0K8SWHY01> why café-7d9f', ts: '1763712000.000400', channel: 'C0SHOP0001', event_ts: '1763712000.000400' });
    const answer = await ingress(functionUrlEvent(body, { contentType: 'application/json', base64: true }), context);
    expect(answer.statusCode).toBe(200);
    expect(aws.invokes[0]!.payload).toMatchObject({ command: { target: 'café-7d9f' } });
  });

  it("answers Slack's URL verification and SSL check without starting anything", async () => {
    const challenge = await ingress(functionUrlEvent(JSON.stringify({ token: 't', challenge: 'c4llenge', type: 'url_verification' }), { contentType: 'application/json' }), context);
    expect(challenge).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(challenge.body)).toEqual({ challenge: 'c4llenge' });
    const ssl = await ingress(functionUrlEvent('ssl_check=1&token=t', { headers: { 'x-slack-signature': undefined, 'x-slack-request-timestamp': undefined } }), context);
    expect(ssl).toEqual({ statusCode: 200, body: '' });
    expect(aws.invokes).toEqual([]);
  });
});

describe('ingress handler: refused requests', () => {
  it('refuses a wrong signature with 401 and starts nothing', async () => {
    const answer = await ingress(slashEvent('why checkout-7d9f', { secret: 'not-the-signing-secret' }), context);
    expect(answer.statusCode).toBe(401);
    expect(aws.invokes).toEqual([]);
    expect(rejections()).toEqual([{ status: 401, reason: 'signature mismatch' }]);
  });

  it('refuses a correctly signed request whose timestamp is six minutes old (a replay)', async () => {
    const answer = await ingress(slashEvent('why checkout-7d9f', { timestamp: Math.floor(Date.now() / 1000) - 360 }), context);
    expect(answer.statusCode).toBe(401);
    expect(aws.invokes).toEqual([]);
    expect(String(rejections()[0]!.reason)).toMatch(/stale/);
  });

  it('refuses a request without the signature headers, or with a timestamp that is not a number', async () => {
    const unsigned = await ingress(slashEvent('why x', { headers: { 'x-slack-signature': undefined } }), context);
    const garbled = await ingress(slashEvent('why x', { headers: { 'x-slack-request-timestamp': 'yesterday' } }), context);
    expect([unsigned.statusCode, garbled.statusCode]).toEqual([401, 401]);
    expect(rejections().map((fields) => fields.reason)).toEqual(['no X-Slack-Signature or X-Slack-Request-Timestamp header', 'X-Slack-Request-Timestamp is not a number of seconds']);
  });

  it('answers 400, not a crash, for a signed body that does not parse', async () => {
    const answer = await ingress(functionUrlEvent('{"type": "event_callback", "event": ', { contentType: 'application/json' }), context);
    expect(answer).toEqual({ statusCode: 400, body: 'malformed body' });
    const payload = await ingress(functionUrlEvent('payload=%7Bnot-json'), context);
    expect(payload.statusCode).toBe(400);
    expect(aws.invokes).toEqual([]);
  });

  it.each([
    ['nothing', null, 400],
    ['a string', 'POST /slack/events', 400],
    ['an event without headers', { version: '2.0', body: 'x' }, 400],
    ['headers that are not strings', { headers: { 'x-slack-signature': ['v0=1'] }, body: '' }, 400],
    ['a GET', functionUrlEvent('', { method: 'GET' }), 405],
  ])('answers %s with a 4xx', async (_, event, status) => {
    const answer = await ingress(event, context);
    expect(answer.statusCode).toBe(status);
  });
});

describe('ingress handler: when the hand-over or the start fails', () => {
  it('tells the person once through the response_url when Lambda refuses the invoke', async () => {
    aws.failNextInvoke({ status: 403, type: 'AccessDeniedException', message: 'not authorized to perform: lambda:InvokeFunction on resource: k8s-why-test-worker' });
    const answer = await ingress(slashEvent('why checkout-7d9f'), context);
    expect(answer.statusCode).toBe(200);
    const told = slack.posts();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'response_url', name: 'r1', args: { response_type: 'ephemeral' } });
    expect(String(told[0]!.args.text)).toMatch(/Could not start on checkout-7d9f.*AccessDeniedException/);
    expect(logs.find((entry) => entry.msg === 'job dispatch failed')?.fields.error).toMatch(/lambda:InvokeFunction k8s-why-test-worker failed: AccessDeniedException/);
  });

  it('answers 500 while its configuration is wrong, says why in one log line, and starts once it is fixed', async () => {
    const broken: Env = { ...env, WORKER_FUNCTION_NAME: undefined };
    const handler = createIngressHandler({ env: broken, logger });
    const first = await handler(slashEvent('why checkout-7d9f'), context);
    expect(first.statusCode).toBe(500);
    expect(logs.filter((entry) => entry.level === 'error').map((entry) => entry.msg)).toEqual(['configuration: WORKER_FUNCTION_NAME is not set: the ingress hands every command to that Lambda function']);
    broken.WORKER_FUNCTION_NAME = 'k8s-why-test-worker';
    const second = await handler(slashEvent('why checkout-7d9f'), context);
    expect(second.statusCode).toBe(200);
    expect(aws.invokes).toHaveLength(1);
  });

  it('acks an app mention with an empty 200 and dispatches it', async () => {
    const body = eventBody({ type: 'app_mention', user: 'U0ONCALL01', text: '<@U0K8SWHY01> why checkout-7d9f -n shop', ts: '1763712000.000300', channel: 'C0SHOP0001', event_ts: '1763712000.000300' });
    const answer = await ingress(functionUrlEvent(body, { contentType: 'application/json' }), context);
    expect(answer).toMatchObject({ statusCode: 200 });
    expect(aws.invokes[0]!.payload).toMatchObject({ origin: 'mention', threadTs: '1763712000.000300' });
  });
});
