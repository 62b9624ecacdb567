import { KubeConfig, type User } from '@kubernetes/client-node';
import { connectCluster, type ClusterConnection, type ConnectDeps } from '../clusters/cluster-connection.ts';
import { pickCluster, readClustersFile } from '../clusters/clusters-file.ts';
import type { ClusterReader } from '../core/reader/cluster-reader.ts';
import { createLiveReader, type LiveLimits } from './create-live-reader.ts';
import { loadKubeconfig } from './load-kubeconfig.ts';

export interface LiveReaderRequest extends LiveLimits {
  /** --kubeconfig FILE */
  kubeconfig?: string;
  /** --context NAME */
  context?: string;
  /** --cluster NAME: one cluster of the clusters file. */
  cluster?: string;
  /** --clusters FILE; defaults to K8S_WHY_CLUSTERS. */
  clustersFile?: string;
  /** The environment, read here and nowhere else; process.env by default. */
  env?: Record<string, string | undefined>;
  /** Test seams for the clusters file's EKS and token auth. */
  connect?: Partial<ConnectDeps>;
  serviceAccountDir?: string;
}

export type OpenedLiveReader =
  | { ok: true; reader: ClusterReader; defaultNamespace: string }
  /** usage: the flags contradict each other (exit as a usage error); else the configuration is wrong. */
  | { ok: false; error: string; usage: boolean };

/**
 * The one entry point the CLI (and the Slack worker) calls to read a real cluster:
 * --cluster NAME reads that cluster of the clusters file; --kubeconfig/--context read the
 * kubeconfig; with neither, the clusters file's default cluster when there is a clusters file,
 * else the kubeconfig (KUBECONFIG, ~/.kube/config), else the pod's service account. Nothing is
 * sent until the first read; what cannot be read then becomes a gap in the answer.
 */
export async function openLiveReader(request: LiveReaderRequest = {}): Promise<OpenedLiveReader> {
  const env = request.env ?? process.env;
  const clustersFile = request.clustersFile ?? env.K8S_WHY_CLUSTERS;
  const limits: LiveLimits = {
    ...(request.requestTimeoutMs ? { requestTimeoutMs: request.requestTimeoutMs } : {}),
    ...(request.budgetMs ? { budgetMs: request.budgetMs } : {}),
    ...(request.pageSize ? { pageSize: request.pageSize } : {}),
  };

  if (request.cluster && request.context) return { ok: false, usage: true, error: 'use either --cluster (a cluster of the clusters file) or --context (a kubeconfig context), not both' };
  // An explicit kubeconfig or context means the kubeconfig, even with K8S_WHY_CLUSTERS set.
  const kubeconfigAsked = Boolean(request.kubeconfig || request.context);
  if (!clustersFile || (!request.cluster && kubeconfigAsked)) {
    if (request.cluster) return { ok: false, usage: true, error: `--cluster ${request.cluster} needs a clusters file: pass --clusters FILE or set K8S_WHY_CLUSTERS` };
    const loaded = loadKubeconfig({ env, ...pick(request, 'kubeconfig', 'context', 'serviceAccountDir') });
    if (!loaded.ok) return { ...loaded, usage: false };
    return { ok: true, reader: createLiveReader(loaded.config, loaded.source, limits), defaultNamespace: loaded.namespace };
  }

  const file = await readClustersFile(clustersFile);
  if (!file.ok) return { ...file, usage: false };
  const picked = pickCluster(file.file, request.cluster);
  // A --cluster the file does not name is a usage error, like a misspelt flag value.
  if (!picked.ok) return { ...picked, usage: Boolean(request.cluster) };
  const connected = await connectCluster(picked.name, picked.cluster, { env, ...request.connect });
  if (!connected.ok) return { ...connected, usage: false };
  const connection = connected.connection;
  const source = `cluster ${connection.name}`;

  if (connection.kind === 'kubeconfig') {
    const loaded = loadKubeconfig({ env, context: connection.context, ...pick(request, 'kubeconfig', 'serviceAccountDir'), ...(connection.kubeconfig ? { kubeconfig: connection.kubeconfig } : {}) });
    if (!loaded.ok) return { ok: false, usage: false, error: `cluster ${connection.name}: ${loaded.error}` };
    return { ok: true, reader: createLiveReader(loaded.config, source, limits), defaultNamespace: connection.namespace ?? loaded.namespace };
  }
  return { ok: true, reader: createLiveReader(bearerKubeconfig(connection), source, limits), defaultNamespace: connection.namespace ?? 'default' };
}

const BEARER_PROVIDER = 'k8s-why-bearer';

type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/**
 * A client configuration for an endpoint, a CA and a token that may change (EKS tokens last
 * 15 minutes): the token is asked for on every request through client-node's authenticator
 * hook, and the source decides when to mint a new one.
 */
function bearerKubeconfig(connection: Extract<ClusterConnection, { kind: 'bearer' }>): KubeConfig {
  const config = new KubeConfig();
  const ca = 'data' in connection.ca ? { caData: connection.ca.data } : { caFile: connection.ca.file };
  config.loadFromOptions({
    clusters: [{ name: connection.name, server: connection.server, skipTLSVerify: false, ...ca }],
    users: [{ name: 'k8s-why', authProvider: { name: BEARER_PROVIDER, config: {} } }],
    contexts: [{ name: connection.name, cluster: connection.name, user: 'k8s-why' }],
    currentContext: connection.name,
  });
  const authenticator: Authenticator = {
    isAuthProvider: (user: User) => user.authProvider?.name === BEARER_PROVIDER,
    applyAuthentication: async (_user, options) => {
      options.headers = { ...options.headers, Authorization: `Bearer ${await connection.token()}` };
    },
  };
  config.addAuthenticator(authenticator);
  return config;
}

function pick<T extends object, K extends keyof T>(object: T, ...keys: K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) picked[key] = object[key];
  return picked;
}
