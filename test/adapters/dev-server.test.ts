import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../src/adapters/dev-server/dev-server.ts';
import { loadEnvironment } from '../../src/app/environment.ts';
import { productionOptions } from '../../src/app/diagnose-options.ts';
import { diagnose } from '../../src/core/diagnose.ts';
import { renderBlocks } from '../../src/render/slack/render-blocks.ts';
import type { Logger } from '../../src/slack/log.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { FakeSlackApi } from '../slack/support/fake-slack-api.ts';
import { postSigned, SIGNING_SECRET, slashCommandBody } from '../slack/support/signed-requests.ts';
import { loadScenario, REPO_ROOT } from '../support/scenarios.ts';

// `npm run dev`: the Bolt app on a local HTTP server with the worker inline, over real signed
// HTTP, answering from the demo cluster at the moment it was recorded.

const slack = new FakeSlackApi();
const quiet: Logger = { log() {} };
let server: DevServer;

beforeAll(async () => {
  await slack.start();
  const loaded = await loadEnvironment('dev', { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-1-2-devserver', SLACK_API_URL: slack.apiUrl });
  if (!loaded.ok) throw new Error(loaded.error);
  server = await startDevServer({ environment: loaded.environment, cluster: { demo: true }, port: 0, env: {}, logger: quiet });
});
afterAll(async () => Promise.all([server.close(), slack.close()]));
afterEach(() => {
  slack.calls.length = 0;
});

async function demoAnswer(target: string) {
  const snapshot = loadScenario(join(REPO_ROOT, 'demo/shop.json'));
  const app = productionOptions();
  if (!app.ok) throw new Error(app.error);
  const result = await diagnose(new SnapshotReader(snapshot, 'demo'), { target, namespace: 'shop' }, app.options);
  if (!result.ok) throw new Error(result.error);
  return renderBlocks(result.diagnosis);
}

describe('dev server over HTTP', () => {
  it('acks a signed /k8s why, then answers it inline from the demo cluster', async () => {
    const pod = 'orders-7b9c6d5f8-m2v6c';
    const response = await postSigned(server.url!, slashCommandBody({ text: `why ${pod} -n shop`, response_url: slack.responseUrl('dev1') }));
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ response_type: 'ephemeral', text: `Looking at ${pod} in shop…` });
    await server.idle();
    const posts = slack.posts();
    expect(posts).toHaveLength(1);
    // Ephemeral by default, so through the slash command's response_url.
    expect(posts[0]).toMatchObject({ kind: 'response_url', name: 'dev1', args: { response_type: 'ephemeral' } });
    // The same header the CLI's demo gives: the demo is read at the moment it was recorded.
    expect((posts[0]!.args.blocks as unknown[])[0]).toEqual((await demoAnswer(pod)).blocks[0]);
  });

  it('refuses a request signed with another secret', async () => {
    const response = await postSigned(server.url!, slashCommandBody({ text: 'why orders' }), { secret: 'another-apps-secret' });
    expect(response.status).toBe(401);
    await server.idle();
    expect(slack.posts()).toEqual([]);
  });
});

describe('npm run dev', () => {
  it('starts on PORT against the demo cluster, answers, and stops on SIGINT', async () => {
    // The script's own command line, run as npm runs it (node_modules/.bin first on PATH),
    // without npm in between, which re-raises SIGINT instead of passing on the exit code.
    const script = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.dev!;
    const [command, ...args] = script.split(' ');
    const child = spawn(command!, [...args, '--demo'], {
      cwd: REPO_ROOT,
      env: { PATH: `${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, HOME: process.env.HOME ?? '', PORT: '0', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-1-2-npmrundev', SLACK_API_URL: slack.apiUrl },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const url = await waitFor(() => /listening on (http:\/\/\S+) and/.exec(stderr)?.[1], () => `no "listening on" line; stderr: ${stderr}`);
      expect(stderr).toContain('answering from the demo cluster');
      const response = await postSigned(url, slashCommandBody({ text: 'why checkout-7d9f4b6c8-qz5nl', response_url: slack.responseUrl('dev2') }));
      expect(response.status).toBe(200);
      await waitFor(() => slack.posts().length > 0 || undefined, () => 'no answer posted');
      expect(slack.posts()).toHaveLength(1);
      expect(slack.posts()[0]!.name).toBe('dev2');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  }, 60_000);

  it('stops at start with one line naming what is missing', async () => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'src/adapters/dev-server/main.ts'), '--demo'], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^k8s-why dev: SLACK_SIGNING_SECRET is not set.*; SLACK_BOT_TOKEN is not set/);
  });
});

async function waitFor<T>(probe: () => T | undefined, failure: () => string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
