import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { runServe } from '../../src/cli/commands/serve.ts';
import { SHARED_EXAMPLES } from '../support/scenarios.ts';

const OOM = join(SHARED_EXAMPLES, '01-oom-jvm-silent-api.json');

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, env: {} }, out: () => out.join(''), err: () => err.join('') };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('k8s-why serve', () => {
  it('prints the URL and a kubeconfig for it, serves until stopped, then cleans up', async () => {
    const { io, out } = fakeIo();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const exit = runServe([OOM, '--port', '0', '--latency', '20ms', '--fault', '**/log=403'], io, stopped);
    const url = await until(() => /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out())?.[1]);
    const kubeconfig = /kubeconfig: (\S+)/.exec(out())![1]!;

    expect(out()).toContain('(1 pod, 4 events, 0 nodes)');
    expect(out()).toContain('Injected: latency 20ms; fault **/log=403');
    const config = readFileSync(kubeconfig, 'utf8');
    expect(config).toContain(`server: ${url}`);
    // The scenario's question was asked in prod, so kubectl looks there without -n.
    expect(config).toContain('namespace: prod');
    const pods = (await (await fetch(`${url}/api/v1/namespaces/prod/pods`)).json()) as { items: { metadata: { name: string } }[] };
    expect(pods.items.map((p) => p.metadata.name)).toEqual(['api-7c9d8b6f45-q8x2m']);
    expect((await fetch(`${url}/api/v1/namespaces/prod/pods/api-7c9d8b6f45-q8x2m/log`)).status).toBe(403);

    stop();
    expect(await exit).toBe(0);
    expect(out()).toContain('Stopped after 2 requests in 2 waves.');
    expect(existsSync(kubeconfig)).toBe(false);
    await expect(fetch(`${url}/version`)).rejects.toThrow();
  });

  it('refuses to listen beyond loopback: the server has no authentication', async () => {
    const { io, err } = fakeIo();
    expect(await runCli(['serve', OOM, '--address', '0.0.0.0'], io)).toBe(2);
    expect(err()).toContain('--address 0.0.0.0: the replay server has no authentication, so it listens on loopback only');
  });

  it('says what is wrong with the command line or the file', async () => {
    const cases: [string[], number, string][] = [
      [['serve'], 2, 'serve needs a snapshot file'],
      [['serve', OOM, '--fault', '**/log=boom'], 2, 'unknown action "boom"'],
      [['serve', OOM, '--latency', 'soon'], 2, '--latency soon: expected a duration'],
      [['serve', OOM, '--verbose', 'x'], 2, 'unknown flag --verbose'],
      [['serve', '/nonexistent/incident.json'], 3, 'cannot read snapshot /nonexistent/incident.json: no such file'],
    ];
    for (const [args, code, message] of cases) {
      const { io, err } = fakeIo();
      expect(await runCli(args, io), args.join(' ')).toBe(code);
      expect(err()).toContain(message);
    }
  });
});
