import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { crashingPod, runningPod } from '../support/objects.ts';
import { REPO_ROOT } from '../support/scenarios.ts';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { code, stdout, stderr };
}

function snapshotFile(objects: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-why-cli-'));
  const path = join(dir, 'incident.json');
  writeFileSync(path, JSON.stringify({ objects, logs: [] }));
  return path;
}

describe('k8s-why CLI', () => {
  it('exits 0 for a healthy pod and 1 when something is found', async () => {
    const file = snapshotFile([runningPod('web-1'), crashingPod('api-1')]);
    expect((await cli('why', 'web-1', '-n', 'shop', '--snapshot', file)).code).toBe(0);
    expect((await cli('why', 'api-1', '-n', 'shop', '--snapshot', file)).code).toBe(1);
  });

  it('exits 2 with the nearest command for a typo, and the usage', async () => {
    const result = await cli('wyh', 'api');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "wyh": did you mean "why"?');
    expect(result.stderr).toContain('usage: k8s-why why <pod|prefix|kind/name>');
  });

  it('exits 2 when the target or the source of facts is missing, saying what to add', async () => {
    const noTarget = await cli('why', '--demo');
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('"why" needs a target');
    const twoSources = await cli('why', 'api-1', '--demo', '--snapshot', 'incident.json');
    expect(twoSources.code).toBe(2);
    expect(twoSources.stderr).toContain('use one source of facts');
    const badFlag = await cli('why', 'api-1', '--namspace', 'shop', '--demo');
    expect(badFlag.stderr).toContain('did you mean --namespace?');
    const badFormat = await cli('why', 'api-1', '--demo', '--format', 'yaml');
    expect(badFormat.stderr).toContain('unknown format "yaml"');
  });

  it('exits 3 with what to do when there is no cluster to read, as kubectl would', async () => {
    let stderr = '';
    const code = await runCli(['why', 'api-1'], { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env: { HOME: '/nonexistent' } });
    expect(code).toBe(3);
    expect(stderr).toContain('no kubeconfig found');
    expect(stderr).toContain('--demo');
  });

  it('exits 3 when the snapshot cannot be read or is not a snapshot', async () => {
    const missing = await cli('why', 'api-1', '--snapshot', '/nonexistent/incident.json');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe('error: cannot read snapshot /nonexistent/incident.json: no such file\n');
    const dir = mkdtempSync(join(tmpdir(), 'k8s-why-cli-'));
    writeFileSync(join(dir, 'bad.json'), '{"objects": [');
    const invalid = await cli('why', 'api-1', '--snapshot', join(dir, 'bad.json'));
    expect(invalid.code).toBe(3);
    expect(invalid.stderr).toMatch(/is not valid JSON/);
  });

  it('demo (npm start) triages the demo shop over the Kubernetes API and explains the worst pod', async () => {
    const result = await cli('demo');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^POD\s+STATUS/m);
    expect(result.stdout).toContain('The worst one, in full:');
    expect(result.stdout).toContain('OOMKilled at its 512Mi memory limit');
    expect(result.stdout).toContain('npx k8s-why why');
  });

  it('describe and events show the pod state and its merged event timeline', async () => {
    const describe = await cli('describe', 'api-7d9f8c6b5-x2x7q', '-n', 'shop', '--demo');
    expect(describe.stdout).toContain('State: waiting: CrashLoopBackOff; last: terminated: OOMKilled (exit 137)');
    expect(describe.stdout).toMatch(/^Events \(oldest first\)$/m);
    const events = await cli('events', 'api-7d9f8c6b5-x2x7q', '-n', 'shop', '--demo');
    expect(events.stdout).toMatch(/^  Warning BackOff\s+x34 over 82m/m);
    expect(events.stdout).not.toContain('Pod/api-7d9f8c6b5-x2x7q');
  });

  it('prints JSON with the documented fields', async () => {
    const file = snapshotFile([crashingPod('api-1')]);
    const result = await cli('why', 'api-1', '-n', 'shop', '--snapshot', file, '--format', 'json');
    const document = JSON.parse(result.stdout);
    expect(document.target).toMatchObject({ asked: 'api-1', namespace: 'shop' });
    expect(Array.isArray(document.findings)).toBe(true);
    expect(Array.isArray(document.gaps)).toBe(true);
  });

  it('runs as a real process with one-line errors and no stack trace', async () => {
    const run = promisify(execFile);
    const node = join(REPO_ROOT, 'node_modules/.bin/node');
    const failure = await run(node, [join(REPO_ROOT, 'bin/k8s-why.js'), 'why', 'x', '--snapshot', '/nope.json']).catch((error) => error);
    expect(failure.code).toBe(3);
    expect(failure.stderr).not.toMatch(/\n\s+at /);
  });
});
