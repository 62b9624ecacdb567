import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLiveReader } from '../../../src/live/open-live-reader.ts';
import { replayKubeconfig, REPLAY_CONTEXT } from '../../../src/serve/kubeconfig.ts';
import { startReplayServer, type ReplayServer } from '../../../src/serve/replay-server.ts';
import { parseAppConfig, clustersFileOf, type AppConfig } from '../../../src/slack/app-config.ts';
import type { OpenReader } from '../../../src/slack/run-job.ts';
import { SnapshotReader } from '../../../src/snapshot/snapshot-reader.ts';
import { loadScenario, REPO_ROOT } from '../../support/scenarios.ts';

export interface DemoCluster {
  server: ReplayServer;
  config: AppConfig;
  /** openLiveReader over the configuration's clusters, as the worker is wired in production. */
  openReader: OpenReader;
  /** The snapshot's moment: a live reader has no clock, and the demo happened at this time. */
  now: Date;
  close(): Promise<void>;
}

/**
 * The demo shop served as a real Kubernetes API (the replay server) and reached through the
 * live reader via a clusters file and a kubeconfig, like a deployed worker reaches EKS.
 */
export async function startDemoCluster(configExtra = ''): Promise<DemoCluster> {
  const snapshot = loadScenario(join(REPO_ROOT, 'demo/shop.json'));
  const server = await startReplayServer({ snapshot });
  const dir = mkdtempSync(join(tmpdir(), 'k8s-why-slack-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, replayKubeconfig(server.url, 'shop'));
  const parsed = parseAppConfig(
    `defaultCluster: prod
clusters:
  prod:
    namespace: shop
    auth: { type: kubeconfig, context: ${REPLAY_CONTEXT}, kubeconfig: ${kubeconfig} }
${configExtra}`,
    'test config',
  );
  if (!parsed.ok) throw new Error(parsed.error);
  const clustersFile = join(dir, 'clusters.json');
  writeFileSync(clustersFile, JSON.stringify(clustersFileOf(parsed.config)));
  const now = new SnapshotReader(snapshot, 'demo').capturedAt ?? new Date();
  return {
    server,
    config: parsed.config,
    openReader: (cluster) => openLiveReader({ cluster, clustersFile, env: {} }),
    now,
    close: () => server.close(),
  };
}
