import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isIPv6 } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeconfigRequest {
  /** --kubeconfig: this file only, as kubectl does. */
  kubeconfig?: string;
  /** --context: else the file's current-context. */
  context?: string;
  env: Record<string, string | undefined>;
  /** Where a pod's service account is mounted; a test points it elsewhere. */
  serviceAccountDir?: string;
}

export type LoadedKubeconfig = { ok: true; config: KubeConfig; namespace: string; source: string } | { ok: false; error: string };

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Finds credentials the way kubectl does: --kubeconfig, else the files in KUBECONFIG (merged,
 * the first to set a name or the current context wins), else ~/.kube/config, else the pod's
 * service account. The namespace is the context's, else "default".
 */
export function loadKubeconfig(request: KubeconfigRequest): LoadedKubeconfig {
  const { env } = request;
  const home = env.HOME ?? env.USERPROFILE;
  const files = request.kubeconfig
    ? [request.kubeconfig]
    : env.KUBECONFIG
      ? env.KUBECONFIG.split(delimiter).filter(Boolean)
      : home && existsSync(join(home, '.kube', 'config'))
        ? [join(home, '.kube', 'config')]
        : [];
  if (files.length === 0 || (!request.kubeconfig && !files.some((file) => existsSync(file)))) {
    const inCluster = inClusterConfig(env, request.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
    if (inCluster) return request.context ? { ok: false, error: `--context ${request.context} needs a kubeconfig; in a pod there is only the service account` } : inCluster;
    const looked = env.KUBECONFIG ? `KUBECONFIG (${env.KUBECONFIG})` : home ? join(home, '.kube', 'config') : '~/.kube/config';
    return { ok: false, error: `no kubeconfig found (looked at ${looked}) and not running in a pod: pass --kubeconfig FILE, set KUBECONFIG, or use --cluster with a clusters file` };
  }

  const config = new KubeConfig();
  try {
    mergeFiles(config, request.kubeconfig ? files : files.filter((file) => existsSync(file)));
  } catch (error) {
    return { ok: false, error: `cannot load kubeconfig ${files.join(delimiter)}: ${(error as Error).message}` };
  }
  const names = config.getContexts().map((context) => context.name);
  const contextName = request.context ?? config.getCurrentContext();
  if (!contextName) return { ok: false, error: `the kubeconfig sets no current-context: pass --context NAME (it has: ${names.join(', ') || 'no contexts'})` };
  const context = config.getContextObject(contextName);
  if (!context) return { ok: false, error: `no context "${contextName}" in the kubeconfig; it has: ${names.join(', ') || 'no contexts'}` };
  config.setCurrentContext(contextName);
  if (!config.getCluster(context.cluster)) return { ok: false, error: `context "${contextName}" names cluster "${context.cluster}", which the kubeconfig does not define` };
  if (!config.getUser(context.user)) return { ok: false, error: `context "${contextName}" names user "${context.user}", which the kubeconfig does not define` };
  return { ok: true, config, namespace: context.namespace || 'default', source: `context ${contextName}` };
}

function mergeFiles(config: KubeConfig, files: string[]): void {
  config.loadFromFile(files[0]!);
  for (const file of files.slice(1)) {
    const next = new KubeConfig();
    next.loadFromFile(file);
    for (const cluster of next.getClusters()) if (!config.getCluster(cluster.name)) config.addCluster(cluster);
    for (const user of next.getUsers()) if (!config.getUser(user.name)) config.addUser(user);
    for (const context of next.getContexts()) if (!config.getContextObject(context.name)) config.addContext(context);
    if (!config.getCurrentContext() && next.getCurrentContext()) config.setCurrentContext(next.getCurrentContext());
  }
}

/** A pod's service account, as client-go's rest.InClusterConfig finds it. */
function inClusterConfig(env: Record<string, string | undefined>, dir: string): LoadedKubeconfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = join(dir, 'token');
  if (!host || !port || !existsSync(tokenFile)) return undefined;
  const namespaceFile = join(dir, 'namespace');
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : '';
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'in-cluster', server: `https://${isIPv6(host) ? `[${host}]` : host}:${port}`, caFile: join(dir, 'ca.crt'), skipTLSVerify: false }],
    // client-node re-reads a token file every minute: projected tokens are rotated in place.
    users: [{ name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'service-account', ...(namespace ? { namespace } : {}) }],
    currentContext: 'in-cluster',
  });
  return { ok: true, config, namespace: namespace || 'default', source: 'in-cluster service account' };
}
