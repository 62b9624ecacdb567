import type { KubeObject } from '../core/kube/types.ts';
import type { Snapshot } from '../snapshot/snapshot.ts';

export const REPLAY_CONTEXT = 'k8s-why-replay';

/**
 * A kubeconfig whose current context points at the replay server, with the namespace a person
 * would look in first, so `kubectl get pods` answers without -n. No credentials: the server
 * has none to check, and listens on loopback only. It speaks plain HTTP, which
 * @kubernetes/client-node only accepts from a cluster marked insecure-skip-tls-verify
 * (kubectl does not mind the mark).
 */
export function replayKubeconfig(url: string, namespace: string): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: ${REPLAY_CONTEXT}
  cluster:
    server: ${url}
    insecure-skip-tls-verify: true
contexts:
- name: ${REPLAY_CONTEXT}
  context:
    cluster: ${REPLAY_CONTEXT}
    user: ${REPLAY_CONTEXT}
    namespace: ${namespace}
current-context: ${REPLAY_CONTEXT}
users:
- name: ${REPLAY_CONTEXT}
  user: {}
preferences: {}
`;
}

/** The namespace a scenario's question was asked in, else the one its pods share, else "default". */
export function likelyNamespace(snapshot: Snapshot): string {
  if (snapshot.ask?.namespace) return snapshot.ask.namespace;
  const namespaces = new Set((snapshot.objects as KubeObject[]).filter((o) => o.kind === 'Pod').map((pod) => pod.metadata.namespace ?? 'default'));
  return namespaces.size === 1 ? [...namespaces][0]! : 'default';
}
