import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IngressHandler } from '../../src/adapters/aws-lambda/ingress.ts';
import type { WorkerHandler } from '../../src/adapters/aws-lambda/worker.ts';
import { renderBlocks } from '../../src/render/slack/render-blocks.ts';
import { functionUrlEvent, lambdaContext } from '../adapters/support/function-url-event.ts';
import { eventBody, slashCommandBody } from '../slack/support/signed-requests.ts';
import { BOUND_CHANNEL, startSlackStack, WORKER_FUNCTION, type SlackStack } from './support/slack-stack.ts';

// The whole path a person's /k8s takes, through the very handlers serverless.yml names:
// a signed Function URL event into the ingress Lambda, the asynchronous Invoke it sends to
// Lambda's API (a local endpoint records it), that payload into the worker Lambda, the demo
// cluster read over HTTP from the replay API server, and the answer posted to a local Slack
// Web API. Only the network endpoints are local; no part of the app is replaced.

let stack: SlackStack;
let ingress: IngressHandler;
let worker: WorkerHandler;
const saved = { ...process.env };
/** What the handlers wrote to stdout (CloudWatch, in Lambda). */
const logLines: string[] = [];
const write = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const text = String(chunk);
    if (!text.startsWith('{')) return write(chunk, ...rest);
    logLines.push(...text.split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  stack = await startSlackStack();
  Object.assign(process.env, stack.env);
  // Imported after the environment is set, as Lambda loads a module into a configured process.
  ({ handler: ingress } = await import('../../src/adapters/aws-lambda/ingress.ts'));
  ({ handler: worker } = await import('../../src/adapters/aws-lambda/worker.ts'));
});
afterAll(async () => {
  process.stdout.write = write;
  process.env = saved;
  await stack.close();
});
afterEach(() => {
  stack.slack.calls.length = 0;
  stack.aws.invokes.length = 0;
});

/** Slack → ingress: the HTTP answer and the job handed to the worker, if any. */
async function slash(text: string, fields: { channel_id?: string; channel_name?: string; response_url?: string } = {}) {
  const body = slashCommandBody({ text, response_url: stack.slack.responseUrl('r1'), ...fields });
  const answer = await ingress(functionUrlEvent(body, { base64: true }), lambdaContext('k8s-why-test-ingress', 10_000));
  return { answer, ack: answer.body ? (JSON.parse(answer.body) as { response_type: string; text: string }) : undefined, invokes: [...stack.aws.invokes] };
}

/** Lambda → worker, with the payload exactly as the Invoke carried it. */
async function runWorker(payload: unknown) {
  return worker(payload, lambdaContext(WORKER_FUNCTION, 180_000));
}

describe('slash command → ingress → Lambda invoke → worker → cluster → Slack', () => {
  it('answers /k8s why in the bound channel with the diagnosis the snapshot gives', async () => {
    const pod = 'checkout-7d9f4b6c8-qz5nl';
    const { answer, ack, invokes } = await slash(`why ${pod}`);
    expect(answer.statusCode).toBe(200);
    expect(ack).toEqual({ response_type: 'ephemeral', text: `Looking at ${pod} in shop on demo…` });
    // Nothing reaches the channel from the ingress: the answer is the worker's.
    expect(stack.slack.posts()).toEqual([]);

    expect(invokes).toHaveLength(1);
    const invoke = invokes[0]!;
    expect(invoke).toMatchObject({ functionName: WORKER_FUNCTION, invocationType: 'Event', signed: true });
    expect(invoke.payload).toMatchObject({ origin: 'slash', command: { verb: 'why', target: pod }, channelId: BOUND_CHANNEL, cluster: 'demo', namespace: 'shop', visibility: 'in_channel' });

    const outcome = await runWorker(invoke.payload);
    expect(outcome).toMatchObject({ answered: 'answer', delivered: 'chat.postMessage' });
    const posts = stack.slack.posts();
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.name).toBe('chat.postMessage');
    expect(post.authorization).toBe(`Bearer ${stack.env.SLACK_BOT_TOKEN}`);
    expect(post.args.channel).toBe(BOUND_CHANNEL);

    const expected = renderBlocks(await stack.expectedDiagnosis(pod));
    const blocks = post.args.blocks as { type: string; text?: { text: string }; elements?: { text?: { text: string } }[] }[];
    expect(blocks[0]).toEqual(expected.blocks[0]);
    expect(post.args.text).toBe(expected.text);
    // The playbook's next steps and the follow-up buttons came along.
    const all = JSON.stringify(blocks);
    expect(all).toContain('kubectl');
    const buttons = blocks.find((block) => block.type === 'actions')?.elements?.map((element) => element.text?.text);
    expect(buttons).toEqual(expect.arrayContaining(['Events', 'Re-run']));
  });

  it('answers an @mention in the incident thread it came from', async () => {
    const body = eventBody({ type: 'app_mention', user: 'U0ONCALL01', text: '<@U0K8SWHY01> why web-5d4c8b7f9-x8k2p', ts: '1763712000.000300', thread_ts: '1763711000.000100', channel: BOUND_CHANNEL, event_ts: '1763712000.000300' });
    const answer = await ingress(functionUrlEvent(body, { contentType: 'application/json' }), lambdaContext('k8s-why-test-ingress', 10_000));
    expect(answer.statusCode).toBe(200);
    expect(stack.aws.invokes).toHaveLength(1);
    expect(stack.aws.invokes[0]!.payload).toMatchObject({ origin: 'mention', threadTs: '1763711000.000100', command: { verb: 'why', target: 'web-5d4c8b7f9-x8k2p' } });

    await runWorker(stack.aws.invokes[0]!.payload);
    const posts = stack.slack.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args).toMatchObject({ channel: BOUND_CHANNEL, thread_ts: '1763711000.000100' });
  });

  it('still posts exactly one message, saying what failed, when the worker cannot read the cluster', async () => {
    const { invokes } = await slash('why checkout --cluster broken');
    expect(invokes).toHaveLength(1);
    const outcome = await runWorker(invokes[0]!.payload);
    expect(outcome).toMatchObject({ answered: 'failure', delivered: 'chat.postMessage' });
    const posts = stack.slack.posts();
    expect(posts).toHaveLength(1);
    expect(String(posts[0]!.args.text)).toMatch(/Could not answer .*why checkout.*cannot read cluster broken/);
    expect(String(posts[0]!.args.text)).toContain('no-such-kubeconfig');
  });

  it('waits out one Slack 429 (Retry-After) and posts once', async () => {
    stack.slack.script('chat.postMessage', { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': '1' } });
    const { invokes } = await slash('why cart-5b7d9c6f8-w9fqx');
    const started = Date.now();
    const outcome = await runWorker(invokes[0]!.payload);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(outcome.delivered).toBe('chat.postMessage');
    expect(stack.slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(outcome.attempts.map((attempt) => attempt.outcome)).toEqual(['rate-limited', 'posted']);
  });

  it('answers through the response_url when the bot is not in the channel', async () => {
    stack.slack.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const { invokes } = await slash('why cart-5b7d9c6f8-w9fqx');
    const outcome = await runWorker(invokes[0]!.payload);
    expect(outcome.delivered).toBe('response_url');
    const shown = stack.slack.posts().filter((call) => call.kind === 'response_url');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.args).toMatchObject({ response_type: 'in_channel', replace_original: false });
  });

  it('falls back to chat.postEphemeral when a private answer finds its response_url expired', async () => {
    // An unbound channel: the configuration's default visibility, ephemeral.
    stack.slack.script('r1', { status: 404, body: 'expired_url' });
    const { invokes } = await slash('why cart-5b7d9c6f8-w9fqx -n shop', { channel_id: 'C0OTHER001', channel_name: 'random' });
    expect(invokes[0]!.payload).toMatchObject({ visibility: 'ephemeral', channelId: 'C0OTHER001' });
    const outcome = await runWorker(invokes[0]!.payload);
    expect(outcome.delivered).toBe('chat.postEphemeral');
    expect(stack.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
    expect(stack.slack.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ channel: 'C0OTHER001', user: 'U0ONCALL01' });
  });

  it('answers a typo and a missing target in the ack, and never starts the worker', async () => {
    const typo = await slash('whyy checkout');
    expect(typo.answer.statusCode).toBe(200);
    expect(typo.ack?.response_type).toBe('ephemeral');
    expect(typo.ack?.text).toMatch(/unknown command "whyy": did you mean "why"/);
    const missing = await slash('why');
    expect(missing.ack?.text).toMatch(/"why" needs a target/);
    expect(stack.aws.invokes).toEqual([]);
    expect(stack.slack.posts()).toEqual([]);
  });

  it('logged one JSON object per line, with no token, secret or message text in any', () => {
    expect(logLines.length).toBeGreaterThan(20);
    for (const line of logLines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry).toMatchObject({ level: expect.any(String), msg: expect.any(String) });
    }
    const all = logLines.join('\n');
    expect(all).not.toContain(stack.env.SLACK_BOT_TOKEN);
    expect(all).not.toContain(stack.env.SLACK_SIGNING_SECRET);
    expect(all).not.toContain('kubectl');
  });
});
