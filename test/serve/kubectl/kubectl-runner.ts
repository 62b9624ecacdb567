import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The real kubectl, run against the replay server. CI installs Debian's kubernetes-client
// (kubectl 1.20); K8S_WHY_KUBECTL picks another binary to check a newer client by hand.

export const KUBECTL = process.env.K8S_WHY_KUBECTL ?? 'kubectl';

export function kubectlVersion(): string | undefined {
  const probe = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.status !== 0) return undefined;
  return /GitVersion:"(v[^"]+)"|Client Version: (v\d\S*)/.exec(probe.stdout)?.slice(1).find(Boolean) ?? 'unknown';
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with its own HOME, so its discovery cache and config never touch the user's. */
export function kubectlFor(kubeconfig: string) {
  const home = mkdtempSync(join(tmpdir(), 'k8s-why-kubectl-home-'));
  return (...args: string[]): Promise<KubectlResult> =>
    new Promise((resolve) => {
      execFile(
        KUBECTL,
        ['--kubeconfig', kubeconfig, '--request-timeout', '20s', ...args],
        { env: { ...process.env, HOME: home, KUBECONFIG: kubeconfig }, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr }),
      );
    });
}

export function writeTempKubeconfig(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'k8s-why-kubeconfig-')), 'kubeconfig');
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** A printed table as rows of column name -> cell, split on the runs of spaces kubectl pads with. */
export function parseTable(stdout: string): Record<string, string>[] {
  const [header, ...lines] = stdout.trimEnd().split('\n');
  if (!header) return [];
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ name: m[0], at: m.index }));
  return lines.map((line) =>
    Object.fromEntries(starts.map((col, i) => [col.name, line.slice(col.at, starts[i + 1]?.at ?? line.length).trim()])),
  );
}
