import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SlackJob } from '../../src/slack/job.ts';
import { runJob, type RunJobDeps } from '../../src/slack/run-job.ts';
import { allText, slackViolations } from '../render/slack-limit-check.ts';
import { startDemoCluster, type DemoCluster } from './support/demo-cluster.ts';
import { FakeSlackApi, type SlackCall } from './support/fake-slack-api.ts';
import { BOT_TOKEN, recordingLogger } from './support/slack-app.ts';

const slack = new FakeSlackApi();
let cluster: DemoCluster;
let logger = recordingLogger();
const slept: number[] = [];

beforeAll(async () => {
  await slack.start();
  cluster = await startDemoCluster();
});
afterAll(async () => Promise.all([slack.close(), cluster.close()]));
afterEach(() => {
  slack.calls.length = 0;
  slept.length = 0;
  logger = recordingLogger();
});

function job(overrides: Partial<SlackJob> = {}): SlackJob {
  return {
    id: 'mention-Ev0TEST',
    command: { verb: 'why', target: 'api-7d9f8c6b5-x2x7q' },
    origin: 'mention',
    teamId: 'T0TEAM0001',
    channelId: 'C0INCIDENT1',
    userId: 'U0ONCALL01',
    threadTs: '1712130000.000100',
    visibility: 'in_channel',
    cluster: 'prod',
    namespace: 'shop',
    receivedAt: cluster.now.toISOString(),
    ...overrides,
  };
}

function run(asked: SlackJob, deps: Partial<RunJobDeps> = {}) {
  return runJob(asked, {
    botToken: BOT_TOKEN,
    config: cluster.config,
    openReader: cluster.openReader,
    slackApiUrl: slack.apiUrl,
    now: () => cluster.now,
    logger,
    sleep: async (ms) => void slept.push(ms),
    ...deps,
  });
}

/** The message as Slack received it: blocks from the form field, or from a response_url body. */
function message(call: SlackCall): { text: string; blocks: unknown[] } {
  return { text: String(call.args.text), blocks: (call.args.blocks as unknown[] | undefined) ?? [] };
}

const buttonsOf = (call: SlackCall) =>
  (message(call).blocks as { type: string; elements?: { type: string; text: { text: string } }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements!.map((e) => e.text.text));

describe('the worker answers a job from the cluster', () => {
  it('posts the diagnosis in the thread: verdict, evidence, commands, buttons, context, within limits', async () => {
    const outcome = await run(job());
    expect(outcome).toMatchObject({ answered: 'answer', delivered: 'chat.postMessage', file: 'none' });
    expect(slack.posts()).toHaveLength(1);
    const post = slack.callsTo('chat.postMessage')[0]!;
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.args).toMatchObject({ channel: 'C0INCIDENT1', thread_ts: '1712130000.000100' });
    const answer = message(post);
    expect(slackViolations(answer)).toEqual([]);
    const text = allText(answer);
    expect((answer.blocks[0] as { text: { text: string } }).text.text).toMatch(/OOMKilled.*512Mi/);
    expect(text).toContain('kubectl ');
    expect(text).toMatch(/cluster prod/);
    expect(text).toMatch(/took \d+\.\d s/);
    expect(buttonsOf(post)).toEqual(['Previous logs', 'Events', 'Re-run']);
  });

  it('a private answer to a slash command goes through its response_url, with "Share in channel"', async () => {
    const outcome = await run(job({ origin: 'slash', threadTs: undefined, visibility: 'ephemeral', responseUrl: slack.responseUrl('cmd') }));
    expect(outcome.delivered).toBe('response_url');
    expect(slack.posts()).toHaveLength(1);
    expect(slack.callsTo('cmd')[0]!.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(buttonsOf(slack.callsTo('cmd')[0]!)).toContain('Share in channel');
  });

  it('long previous logs: the tail in the answer, the whole log as a file in its thread', async () => {
    const outcome = await run(job({ command: { verb: 'logs', target: 'pod/api-7d9f8c6b5-x2x7q', previous: true, container: 'api' }, threadTs: undefined }));
    expect(outcome).toMatchObject({ delivered: 'chat.postMessage', file: 'uploaded' });
    const answer = message(slack.callsTo('chat.postMessage')[0]!);
    expect(allText(answer)).toContain('Logs of api-7d9f8c6b5-x2x7q -c api (previous instance)');
    expect(allText(answer)).toContain('kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous');
    expect(slackViolations(answer)).toEqual([]);
    const complete = slack.callsTo('files.completeUploadExternal')[0]!;
    expect(complete.args).toMatchObject({ channel_id: 'C0INCIDENT1', thread_ts: outcome.ts });
    const upload = slack.calls.find((call) => call.kind === 'upload')!;
    expect(upload.content).toContain('export buffering 52200 rows in memory');
  });

  it('triage lists the pods that need attention', async () => {
    const outcome = await run(job({ command: { verb: 'triage', allNamespaces: false } }));
    expect(outcome.answered).toBe('answer');
    const text = allText(message(slack.callsTo('chat.postMessage')[0]!));
    expect(text).toContain('Triage of namespace shop on prod');
    expect(text).toContain('api-7d9f8c6b5-x2x7q');
    expect(text).toContain('oom-killed');
  });
});

describe('exactly one message, whatever fails', () => {
  it('a cluster that cannot be opened: one message saying what failed, no stack trace', async () => {
    const outcome = await run(job(), { openReader: async () => ({ ok: false, error: 'cluster prod: AccessDeniedException: eks:DescribeCluster denied' }) });
    expect(outcome).toMatchObject({ answered: 'failure', delivered: 'chat.postMessage' });
    expect(slack.posts()).toHaveLength(1);
    const text = allText(message(slack.posts()[0]!));
    expect(text).toContain('Could not answer');
    expect(text).toContain('/k8s why api-7d9f8c6b5-x2x7q -n shop --cluster prod');
    expect(text).toContain('eks:DescribeCluster denied');
  });

  it('a bug in the worker: still one message, with the error line only', async () => {
    const outcome = await run(job(), {
      openReader: async () => {
        throw new TypeError("Cannot read properties of undefined (reading 'items')\n    at gatherFacts (gather-facts.ts:42:7)");
      },
    });
    expect(outcome.answered).toBe('failure');
    const text = allText(message(slack.posts()[0]!));
    expect(text).toContain("k8s-why failed: Cannot read properties of undefined (reading 'items')");
    expect(text).not.toContain('gather-facts.ts');
  });

  it('a cluster that hangs: the deadline answers', async () => {
    const outcome = await run(job(), { deadlineMs: 50, openReader: () => new Promise(() => undefined) });
    expect(outcome.answered).toBe('failure');
    expect(allText(message(slack.posts()[0]!))).toContain('the cluster did not answer within');
    expect(slack.posts()).toHaveLength(1);
  });

  it('Slack 429: waits Retry-After once, then posts once', async () => {
    slack.script('chat.postMessage', { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } });
    const outcome = await run(job());
    expect(outcome.delivered).toBe('chat.postMessage');
    expect(slept).toEqual([2000]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(outcome.attempts.map((a) => a.outcome)).toEqual(['rate-limited', 'posted']);
  });

  it('a Retry-After longer than the worker can wait: the response_url instead', async () => {
    slack.script('chat.postMessage', { status: 429, headers: { 'retry-after': '120' }, body: { ok: false, error: 'ratelimited' } });
    const outcome = await run(job({ responseUrl: slack.responseUrl('late') }));
    expect(slept).toEqual([]);
    expect(outcome.delivered).toBe('response_url');
    expect(slack.callsTo('late')[0]!.args).toMatchObject({ response_type: 'in_channel' });
  });

  it('an expired response_url: falls back to chat.postEphemeral', async () => {
    slack.script('old', { status: 404, body: 'expired_url' });
    const outcome = await run(job({ origin: 'slash', threadTs: undefined, visibility: 'ephemeral', responseUrl: slack.responseUrl('old') }));
    expect(outcome.delivered).toBe('chat.postEphemeral');
    expect(slack.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ channel: 'C0INCIDENT1', user: 'U0ONCALL01' });
  });

  it('the bot is not in the channel: the response_url carries the answer', async () => {
    slack.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const outcome = await run(job({ origin: 'slash', threadTs: undefined, responseUrl: slack.responseUrl('private') }));
    expect(outcome).toMatchObject({ delivered: 'response_url', answered: 'answer' });
    expect(outcome.attempts).toEqual([
      { route: 'chat.postMessage', outcome: 'not-posted', reason: 'not_in_channel' },
      { route: 'response_url', outcome: 'posted' },
    ]);
    expect(slack.callsTo('private')[0]!.args).toMatchObject({ response_type: 'in_channel' });
  });

  it('a 5xx may have posted: nothing is retried, the failure is logged', async () => {
    slack.script('chat.postMessage', { status: 503, body: 'upstream connect error' });
    const outcome = await run(job({ responseUrl: slack.responseUrl('never') }));
    expect(outcome.delivered).toBe('none');
    expect(outcome.deliveryError).toContain('it may have been posted');
    expect(slack.callsTo('never')).toHaveLength(0);
    expect(logger.lines.find((line) => line.msg === 'job answer not delivered')).toMatchObject({ level: 'error', jobId: 'mention-Ev0TEST' });
  });

  it('Slack refuses the blocks: the same answer as text, once', async () => {
    slack.script('chat.postMessage', { body: { ok: false, error: 'invalid_blocks' } });
    const outcome = await run(job());
    expect(outcome.delivered).toBe('chat.postMessage');
    const [refused, plain] = slack.callsTo('chat.postMessage');
    expect(refused!.args.blocks).toBeDefined();
    expect(plain!.args.blocks).toBeUndefined();
    expect(String(plain!.args.text)).toMatch(/OOMKilled/);
  });

  it('logs JSON-ready fields about the job, never the token or the answer text', async () => {
    await run(job());
    const done = logger.lines.find((line) => line.msg === 'job answered')!;
    expect(done).toMatchObject({ jobId: 'mention-Ev0TEST', verb: 'why', target: 'api-7d9f8c6b5-x2x7q', summary: 'oom-killed', delivered: 'chat.postMessage' });
    expect(typeof done.durationMs).toBe('number');
    const everything = JSON.stringify(logger.lines);
    expect(everything).not.toContain(BOT_TOKEN);
    expect(everything).not.toContain('512Mi');
  });
});
