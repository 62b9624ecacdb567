import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerHandler, handler as deployedHandler, UndeliveredJobError } from '../../src/adapters/aws-lambda/worker.ts';
import type { SlackJob } from '../../src/slack/job.ts';
import type { Logger, LogLevel } from '../../src/slack/log.ts';
import { FakeSlackApi } from '../slack/support/fake-slack-api.ts';
import { startDemoCluster, type DemoCluster } from '../slack/support/demo-cluster.ts';
import { lambdaContext } from './support/function-url-event.ts';

// The worker Lambda's own duties around runJob: refuse what is not a job, still tell the
// person when it cannot start, and throw (so the job reaches the on-failure queue, never a
// retry) when no message could be posted at all.

const slack = new FakeSlackApi();
let cluster: DemoCluster;
const logs: { level: LogLevel; msg: string; fields: Record<string, unknown> }[] = [];
const logger: Logger = { log: (level, msg, fields = {}) => logs.push({ level, msg, fields }) };
const context = lambdaContext('k8s-why-test-worker', 60_000);

beforeAll(async () => {
  await slack.start();
  cluster = await startDemoCluster();
});
afterAll(async () => Promise.all([slack.close(), cluster.close()]));
afterEach(() => {
  slack.calls.length = 0;
  logs.length = 0;
});

function job(overrides: Partial<SlackJob> = {}): SlackJob {
  return {
    id: 'slash-1337.42.w0rker',
    command: { verb: 'why', target: 'cart-5b7d9c6f8-w9fqx' },
    origin: 'slash',
    teamId: 'T0TEAM0001',
    channelId: 'C0SHOP0001',
    userId: 'U0ONCALL01',
    responseUrl: slack.responseUrl('r1'),
    visibility: 'in_channel',
    cluster: 'prod',
    namespace: 'shop',
    receivedAt: '2026-11-21T09:42:00.000Z',
    ...overrides,
  };
}

/** A worker over the demo cluster with the environment given; the bot token is a plain variable. */
function worker(env: Record<string, string | undefined>) {
  return createWorkerHandler({ env, logger, sources: { readFile: async () => 'channels: {}\n' }, openReader: () => cluster.openReader });
}

const env = () => ({ SLACK_BOT_TOKEN: 'xoxb-1-2-workertest', SLACK_API_URL: slack.apiUrl, K8S_WHY_CONFIG: '/etc/k8s-why.yaml' });

describe('worker handler', () => {
  it('is the two-argument async handler the nodejs24.x runtime requires', () => {
    expect(deployedHandler.length).toBe(2);
    expect(deployedHandler.constructor.name).toBe('AsyncFunction');
  });

  it('posts one answer for a job and returns how it was delivered', async () => {
    const outcome = await worker(env())(job(), context);
    expect(outcome).toMatchObject({ jobId: 'slash-1337.42.w0rker', answered: 'answer', delivered: 'chat.postMessage' });
    expect(slack.posts()).toHaveLength(1);
  });

  it('throws, posting nothing, for a payload that is not a job', async () => {
    await expect(worker(env())({ hello: 'world' }, context)).rejects.toThrow(/not a SlackJob: missing or wrong: id, teamId, channelId, userId, namespace, receivedAt, command, visibility/);
    await expect(worker(env())(null, context)).rejects.toBeInstanceOf(UndeliveredJobError);
    expect(slack.posts()).toEqual([]);
  });

  it('tells the person through the response_url when it cannot start, and throws for the failure queue', async () => {
    const broken = worker({ ...env(), SLACK_BOT_TOKEN: 'xoxp-a-user-token' });
    await expect(broken(job(), context)).rejects.toThrow(/job slash-1337.42.w0rker: the worker could not start: SLACK_BOT_TOKEN is a user token/);
    const told = slack.posts();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ kind: 'response_url', args: { response_type: 'ephemeral' } });
    expect(String(told[0]!.args.text)).toMatch(/Could not answer \/k8s why cart-5b7d9c6f8-w9fqx.*misconfigured/);
    // The details are in the log, for the operator; the token's value is nowhere.
    expect(logs.find((entry) => entry.level === 'error')?.msg).toMatch(/^configuration: SLACK_BOT_TOKEN is a user token/);
    expect(JSON.stringify([logs, told])).not.toContain('xoxp-a-user-token');
  });

  it('throws when no route could post the answer, so Lambda records the job instead of retrying it', async () => {
    slack.script('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    slack.script('r1', { status: 410, body: 'used_url' });
    await expect(worker(env())(job(), context)).rejects.toThrow(/job slash-1337.42.w0rker: no message reached Slack/);
  });
});
