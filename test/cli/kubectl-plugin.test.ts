import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KUBECTL, kubectlVersion } from '../serve/kubectl/kubectl-runner.ts';
import { REPO_ROOT } from '../support/scenarios.ts';

// `kubectl why checkout-7d9f`: kubectl finds an executable named kubectl-why on PATH and runs
// it with the remaining words. Installed globally, npm puts exactly that link on PATH.
const version = kubectlVersion();
const runIt = version !== undefined || process.env.CI ? it : it.skip;

function kubectlWhy(...args: string[]): Promise<{ code: number; stdout: string }> {
  const bin = mkdtempSync(join(tmpdir(), 'k8s-why-plugin-'));
  symlinkSync(join(REPO_ROOT, 'bin/k8s-why.js'), join(bin, 'kubectl-why'));
  const home = mkdtempSync(join(tmpdir(), 'k8s-why-plugin-home-'));
  const path = [bin, join(REPO_ROOT, 'node_modules/.bin'), process.env.PATH].join(delimiter);
  return new Promise((resolve) => {
    execFile(KUBECTL, ['why', ...args], { env: { ...process.env, PATH: path, HOME: home }, timeout: 60_000 }, (error, stdout) =>
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout }),
    );
  });
}

describe(`as a kubectl plugin (kubectl ${version ?? 'missing'})`, () => {
  runIt('kubectl why POD diagnoses the pod, no subcommand needed', async () => {
    const result = await kubectlWhy('api-7d9f8c6b5-x2x7q', '-n', 'shop', '--demo');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('OOMKilled at its 512Mi memory limit');
  });

  runIt('suggests commands in the plugin form for an ambiguous prefix', async () => {
    const result = await kubectlWhy('catalog', '-n', 'shop', '--demo');
    expect(result.stdout).toContain('kubectl why catalog-84d6f7c9b-r5t2w -n shop');
  });

  runIt('kubectl why triage still triages', async () => {
    const result = await kubectlWhy('triage', '-n', 'shop', '--demo');
    expect(result.stdout).toMatch(/^POD\s+STATUS/m);
  });
});
