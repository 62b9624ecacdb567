import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterReader } from '../core/reader/cluster-reader.ts';
import { readSnapshotFile } from '../snapshot/read-snapshot-file.ts';
import { DEMO_NAMESPACE, DEMO_SNAPSHOT } from './package-paths.ts';

export type OpenedReader =
  | {
      ok: true;
      reader: ClusterReader;
      /** Where -n points when omitted. */
      defaultNamespace: string;
      /** Releases what opening took (the demo's local API server). */
      close: () => Promise<void>;
    }
  | { ok: false; error: string; usage: boolean };

export interface ReaderFlags {
  snapshot?: string;
  demo?: boolean;
  kubeconfig?: string;
  context?: string;
  cluster?: string;
  clusters?: string;
  /** The whole answer's time budget against a live cluster (triage reads for many pods). */
  budgetMs?: number;
  env: Record<string, string | undefined>;
}

const nothingToClose = async () => {};

/** Where the facts come from: a snapshot file, the demo cluster, or a live cluster. */
export async function openReader(flags: ReaderFlags): Promise<OpenedReader> {
  const live = flags.kubeconfig || flags.context || flags.cluster || flags.clusters;
  if ([flags.snapshot, flags.demo, live].filter(Boolean).length > 1) {
    return { ok: false, usage: true, error: 'use one source of facts: --snapshot FILE, --demo, or a cluster (--kubeconfig/--context/--cluster)' };
  }
  if (flags.demo) return openDemo();
  if (flags.snapshot) {
    const opened = await readSnapshotFile(flags.snapshot);
    // A scenario file knows the namespace its question was asked in; a plain snapshot, like kubectl, uses "default".
    return opened.ok
      ? { ok: true, reader: opened.reader, defaultNamespace: opened.snapshot.ask?.namespace ?? 'default', close: nothingToClose }
      : { ok: false, usage: false, error: opened.error };
  }
  // Loaded on demand: the Kubernetes client and the AWS SDK are most of the start-up time, and a
  // snapshot never needs them.
  const { openLiveReader } = await import('../live/open-live-reader.ts');
  const opened = await openLiveReader({
    kubeconfig: flags.kubeconfig,
    context: flags.context,
    cluster: flags.cluster,
    clustersFile: flags.clusters,
    env: flags.env,
    ...(flags.budgetMs ? { budgetMs: flags.budgetMs } : {}),
  });
  return opened.ok ? { ...opened, close: nothingToClose } : opened;
}

/**
 * The demo cluster goes through the production path: the demo snapshot served as a Kubernetes
 * API on loopback, read by the live reader over HTTP. Only the clock is the snapshot's, so the
 * demo answers the same whatever the date.
 */
async function openDemo(): Promise<OpenedReader> {
  const file = await readSnapshotFile(DEMO_SNAPSHOT);
  if (!file.ok) return { ok: false, usage: false, error: file.error };
  const [{ openLiveReader }, { REPLAY_CONTEXT, replayKubeconfig }, { startReplayServer }] = await Promise.all([
    import('../live/open-live-reader.ts'),
    import('../serve/kubeconfig.ts'),
    import('../serve/replay-server.ts'),
  ]);
  const server = await startReplayServer({ snapshot: file.snapshot, reader: file.reader });
  const dir = await mkdtemp(join(tmpdir(), 'k8s-why-demo-'));
  const close = async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, replayKubeconfig(server.url, DEMO_NAMESPACE), { mode: 0o600 });
  const opened = await openLiveReader({ kubeconfig, context: REPLAY_CONTEXT, env: {} });
  if (!opened.ok) {
    await close();
    return opened;
  }
  return { ok: true, reader: demoReader(opened.reader, file.reader.capturedAt), defaultNamespace: DEMO_NAMESPACE, close };
}

function demoReader(live: ClusterReader, capturedAt: Date | undefined): ClusterReader {
  return {
    source: 'demo cluster',
    capturedAt,
    get: (kind, name, namespace) => live.get(kind, name, namespace),
    list: (kind, query) => live.list(kind, query),
    events: (about) => live.events(about),
    logs: (request) => live.logs(request),
  };
}
