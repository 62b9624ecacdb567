import type { KubeNode, Taint, Toleration } from '../kube/types.ts';

/** The taint kubectl cordon stands for; the node lifecycle controller adds it to cordoned nodes. */
export const CORDON_TAINT_KEY = 'node.kubernetes.io/unschedulable';

/**
 * Taints Kubernetes itself puts on nodes, and what each says about the node. A person reading
 * "untolerated taint node.kubernetes.io/not-ready" needs to hear "the node is NotReady", not
 * "add a toleration". `condition` is the node condition the taint stands for (its message says
 * why); `managedBy` is who adds the taint and takes it away again once the node is healthy, so
 * removing it by hand does not last and the node is what needs fixing.
 */
export interface KnownTaint {
  key: string;
  meaning: string;
  state?: string;
  addToleration: boolean;
  condition?: string;
  managedBy?: string;
}

const NODE_LIFECYCLE = 'the node lifecycle controller';
const CLOUD_CONTROLLER = 'the cloud-controller-manager';

export const WELL_KNOWN_TAINTS: readonly KnownTaint[] = [
  { key: 'node-role.kubernetes.io/control-plane', meaning: 'a control-plane node, reserved for cluster components by kubeadm', addToleration: true },
  { key: 'node-role.kubernetes.io/master', meaning: 'a control-plane node (pre-1.24 label), reserved for cluster components', addToleration: true },
  { key: CORDON_TAINT_KEY, meaning: 'cordoned (kubectl cordon or a drain in progress)', state: 'cordoned', addToleration: false },
  { key: 'node.kubernetes.io/not-ready', meaning: 'NotReady: its kubelet reports the node unhealthy', state: 'NotReady', addToleration: false, condition: 'Ready', managedBy: NODE_LIFECYCLE },
  { key: 'node.kubernetes.io/unreachable', meaning: 'unreachable: the node controller stopped hearing from its kubelet', state: 'unreachable', addToleration: false, condition: 'Ready', managedBy: NODE_LIFECYCLE },
  { key: 'node.kubernetes.io/memory-pressure', meaning: 'under memory pressure: the kubelet is short of memory and evicts pods', state: 'under memory pressure', addToleration: false, condition: 'MemoryPressure', managedBy: NODE_LIFECYCLE },
  { key: 'node.kubernetes.io/disk-pressure', meaning: 'under disk pressure: its filesystem for pods or images is above the kubelet\'s eviction threshold', state: 'under disk pressure', addToleration: false, condition: 'DiskPressure', managedBy: NODE_LIFECYCLE },
  { key: 'node.kubernetes.io/pid-pressure', meaning: 'under PID pressure: the kubelet is short of process IDs', state: 'under PID pressure', addToleration: false, condition: 'PIDPressure', managedBy: NODE_LIFECYCLE },
  { key: 'node.kubernetes.io/network-unavailable', meaning: 'without a configured pod network', state: 'without a pod network', addToleration: false, condition: 'NetworkUnavailable', managedBy: NODE_LIFECYCLE },
  { key: 'node.kubernetes.io/out-of-service', meaning: 'marked out of service', state: 'out of service', addToleration: false },
  {
    key: 'node.cloudprovider.kubernetes.io/uninitialized',
    meaning: 'not yet initialised by the cloud-controller-manager (its kubelet runs with --cloud-provider=external, and no cloud-controller-manager has taken the node over)',
    state: 'not initialised by the cloud provider',
    addToleration: false,
    managedBy: CLOUD_CONTROLLER,
  },
  { key: 'node.cloudprovider.kubernetes.io/shutdown', meaning: 'shut down according to the cloud provider', state: 'shut down', addToleration: false, managedBy: CLOUD_CONTROLLER },
];

export function taintMeaning(key: string): KnownTaint | undefined {
  return WELL_KNOWN_TAINTS.find((known) => known.key === key);
}

/** ToleratesTaint from k8s.io/api/core/v1: an empty effect or an empty key with Exists tolerates more. */
export function tolerates(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((toleration) => {
    if (toleration.effect && toleration.effect !== taint.effect) return false;
    if (toleration.key && toleration.key !== taint.key) return false;
    if (toleration.operator === 'Exists') return true;
    // Equal (the default) with an empty key is rejected by validation, so it never matches all.
    if (!toleration.key) return false;
    return (toleration.value ?? '') === (taint.value ?? '');
  });
}

/**
 * The taints that keep a pod off a node: NoSchedule and NoExecute ones it does not tolerate
 * (PreferNoSchedule only lowers a node's score). The cordon taint is left out when the node is
 * cordoned, because spec.unschedulable already says so and is reported on its own.
 */
export function untoleratedTaints(node: KubeNode, tolerations: readonly Toleration[] | undefined): Taint[] {
  const cordoned = node.spec?.unschedulable === true;
  return (node.spec?.taints ?? []).filter(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !(cordoned && taint.key === CORDON_TAINT_KEY) &&
      !tolerates(tolerations, taint),
  );
}

/** NodeUnschedulable: a cordoned node takes only pods that tolerate the cordon taint (DaemonSets do). */
export function isCordonedFor(node: KubeNode, tolerations: readonly Toleration[] | undefined): boolean {
  return node.spec?.unschedulable === true && !tolerates(tolerations, { key: CORDON_TAINT_KEY, effect: 'NoSchedule' });
}

/** kubectl's notation: "key=value:Effect", or "key:Effect" without a value. */
export function describeTaint(taint: Taint): string {
  return `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`;
}

/** A toleration as a person reads it: "node.kubernetes.io/not-ready:NoExecute", "* (everything)". */
export function describeToleration(toleration: Toleration): string {
  const key = toleration.key ? `${toleration.key}${toleration.operator !== 'Exists' && toleration.value ? `=${toleration.value}` : ''}` : '* (every taint)';
  return toleration.effect ? `${key}:${toleration.effect}` : key;
}

/** The toleration that would let the pod onto a node with this taint, as pod spec YAML reads it. */
export function tolerationFor(taint: Taint): string {
  const match = taint.value ? `operator: Equal, value: "${taint.value}"` : 'operator: Exists';
  return `{key: "${taint.key}", ${match}, effect: ${taint.effect}}`;
}
