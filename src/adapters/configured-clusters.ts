import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Env } from '../app/environment.ts';
import { openLiveReader } from '../live/open-live-reader.ts';
import { clustersFileOf, type AppConfig } from '../slack/app-config.ts';
import type { OpenReader } from '../slack/run-job.ts';

/** A triage reads every pod of a namespace: the CLI's two minutes, not one answer's 30 s. */
export const TRIAGE_BUDGET_MS = 120_000;

/**
 * The configuration's clusters as a clusters file on local disk, written once per process:
 * openLiveReader, the one way into a live cluster, takes the clusters file by path, and the
 * configuration carries the same entries inline. No secrets are in it (tokens are named by
 * file or variable, EKS credentials come from the role), and it is private to this user.
 */
export function configuredClustersFile(config: AppConfig): () => Promise<string | undefined> {
  const file = clustersFileOf(config);
  let written: Promise<string> | undefined;
  return () => {
    if (!file) return Promise.resolve(undefined);
    written ??= (async () => {
      const dir = await mkdtemp(join(tmpdir(), 'k8s-why-clusters-'));
      const path = join(dir, 'clusters.json');
      await writeFile(path, JSON.stringify(file), { mode: 0o600 });
      return path;
    })();
    written.catch(() => {
      written = undefined;
    });
    return written;
  };
}

/**
 * The worker's way to a cluster: a configured cluster by name (or the configuration's
 * default), exactly as the CLI's --cluster reads a clusters file; with no clusters
 * configured, the kubeconfig or the pod's service account. One reader per job, since a
 * reader's time budget runs from its first read.
 */
export function configuredClusterReader(config: AppConfig, env: Env): OpenReader {
  const clustersFile = configuredClustersFile(config);
  return async (cluster, ask) => {
    let path: string | undefined;
    try {
      path = await clustersFile();
    } catch (error) {
      return { ok: false, error: `cannot write the clusters of the configuration to ${tmpdir()}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
    const opened = await openLiveReader({
      ...(cluster ? { cluster } : {}),
      ...(path ? { clustersFile: path } : {}),
      env,
      ...(ask.verb === 'triage' ? { budgetMs: TRIAGE_BUDGET_MS } : {}),
    });
    return opened.ok ? { ok: true, reader: opened.reader, defaultNamespace: opened.defaultNamespace } : { ok: false, error: opened.error };
  };
}
