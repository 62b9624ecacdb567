import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { productionOptions } from '../../../src/app/diagnose-options.ts';
import { diagnose } from '../../../src/core/diagnose.ts';
import type { Diagnosis } from '../../../src/core/diagnosis.ts';
import { REPLAY_CONTEXT, replayKubeconfig } from '../../../src/serve/kubeconfig.ts';
import { startReplayServer, type ReplayServer } from '../../../src/serve/replay-server.ts';
import { SnapshotReader } from '../../../src/snapshot/snapshot-reader.ts';
import { FakeAws } from '../../adapters/support/fake-aws.ts';
import { FakeSlackApi } from '../../slack/support/fake-slack-api.ts';
import { SIGNING_SECRET } from '../../slack/support/signed-requests.ts';
import { loadScenario, REPO_ROOT } from '../../support/scenarios.ts';

export const WORKER_FUNCTION = 'k8s-why-test-worker';
export const BOUND_CHANNEL = 'C0SHOP0001';
export const BOT_TOKEN = 'xoxb-1111111111-2222222222222-e2eE2Ee2Ee2Ee2Ee2Ee2Ee2E';

export interface SlackStack {
  /** The demo shop, served as a Kubernetes API. */
  cluster: ReplayServer;
  slack: FakeSlackApi;
  aws: FakeAws;
  /** Everything the two Lambda functions read from their environment in this stack. */
  env: Record<string, string>;
  configFile: string;
  /** The same question answered straight from the snapshot file, without Slack, Lambda or HTTP. */
  expectedDiagnosis(target: string, namespace?: string): Promise<Diagnosis>;
  close(): Promise<void>;
}

/**
 * Everything around the two handlers, on loopback: the demo cluster behind the replay API
 * server (reached through a kubeconfig named by the configuration file, as a deployed worker
 * reaches a cluster), the Slack Web API and response_url endpoints, and Lambda's Invoke API.
 * The configuration binds #shop-oncall (C0SHOP0001) to the demo cluster and namespace shop,
 * answering in the channel; a second cluster, "broken", has no kubeconfig to read.
 */
export async function startSlackStack(): Promise<SlackStack> {
  const snapshotPath = join(REPO_ROOT, 'demo/shop.json');
  const snapshot = loadScenario(snapshotPath);
  const cluster = await startReplayServer({ snapshot });
  const slack = await new FakeSlackApi().start();
  const aws = await new FakeAws().start();
  const dir = mkdtempSync(join(tmpdir(), 'k8s-why-e2e-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, replayKubeconfig(cluster.url, 'shop'));
  const configFile = join(dir, 'k8s-why.yaml');
  writeFileSync(
    configFile,
    `defaultCluster: demo
clusters:
  demo:
    namespace: shop
    auth: { type: kubeconfig, context: ${REPLAY_CONTEXT}, kubeconfig: ${kubeconfig} }
  broken:
    auth: { type: kubeconfig, context: ${REPLAY_CONTEXT}, kubeconfig: ${join(dir, 'no-such-kubeconfig')} }
visibility: ephemeral
channels:
  ${BOUND_CHANNEL}: { cluster: demo, namespace: shop, visibility: in_channel }
`,
  );

  return {
    cluster,
    slack,
    aws,
    configFile,
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      K8S_WHY_CONFIG: configFile,
      WORKER_FUNCTION_NAME: WORKER_FUNCTION,
      ...aws.env(),
    },
    async expectedDiagnosis(target, namespace = 'shop') {
      const app = productionOptions();
      if (!app.ok) throw new Error(app.error);
      const result = await diagnose(new SnapshotReader(snapshot, 'demo'), { target, namespace }, { ...app.options, now: new Date() });
      if (!result.ok) throw new Error(result.error);
      return result.diagnosis;
    },
    async close() {
      await Promise.all([cluster.close(), slack.close(), aws.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
