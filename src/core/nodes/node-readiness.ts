import type { KubeNode, NodeCondition, Taint } from '../kube/types.ts';

// A node's health as its conditions and taints say it, with the Ready condition's reason turned
// into what a person checks next. The kubelet writes Ready=False (reason KubeletNotReady) when it
// runs but something it depends on does not; the node lifecycle controller writes Ready=Unknown
// (reason NodeStatusUnknown, "Kubelet stopped posting node status.") when the kubelet's heartbeats
// stop arriving, and then taints the node node.kubernetes.io/unreachable.

export interface NodeReadiness {
  /** "True", "False" or "Unknown"; undefined when the node reports no Ready condition. */
  ready?: string;
  condition?: NodeCondition;
  /** What the Ready condition's reason and message mean, when we know the words. */
  meaning?: string;
  /** Pressure and network conditions that are not False (MemoryPressure=True, ...). */
  troubled: NodeCondition[];
  /** node.kubernetes.io/unreachable and not-ready taints the node controller added. */
  lifecycleTaints: Taint[];
  unschedulable: boolean;
}

const READY_MEANINGS: readonly { pattern: RegExp; meaning: string }[] = [
  { pattern: /Kubelet stopped posting node status/, meaning: 'the kubelet stopped reporting: the node is down, cut off from the control plane, or its kubelet is not running' },
  { pattern: /Kubelet never posted node status/, meaning: 'the kubelet never reported since the node registered' },
  { pattern: /PLEG is not healthy/, meaning: 'the container runtime is not answering the kubelet in time (PLEG): runtime overloaded, hung, or too many containers' },
  { pattern: /cni plugin not initialized|cni config uninitialized|NetworkPluginNotReady|network plugin is not ready|container runtime network not ready/i, meaning: 'the CNI network plugin is not ready on the node (its DaemonSet pod not running, or no CNI config in /etc/cni/net.d)' },
  { pattern: /container runtime is down|container runtime status check may not have completed|runtime not ready|ContainerRuntimeNotReady/i, meaning: 'the container runtime (containerd, CRI-O or docker) is down or not answering' },
  { pattern: /Missing node capacity/i, meaning: 'the kubelet cannot read the node capacity (cAdvisor not ready)' },
  { pattern: /csinode is not yet initialized/i, meaning: 'the kubelet has not finished initialising its CSI node information' },
];

const PRESSURE_TYPES = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];
const LIFECYCLE_TAINTS = ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready'];

export function nodeReadiness(node: KubeNode): NodeReadiness {
  const conditions = node.status?.conditions ?? [];
  const condition = conditions.find((c) => c.type === 'Ready');
  const words = `${condition?.reason ?? ''} ${condition?.message ?? ''}`;
  return {
    ready: condition?.status,
    condition,
    meaning: condition && condition.status !== 'True' ? READY_MEANINGS.find((entry) => entry.pattern.test(words))?.meaning : undefined,
    troubled: conditions.filter((c) => PRESSURE_TYPES.includes(c.type) && c.status !== 'False'),
    lifecycleTaints: (node.spec?.taints ?? []).filter((taint) => LIFECYCLE_TAINTS.includes(taint.key)),
    unschedulable: node.spec?.unschedulable === true,
  };
}

/** "MemoryPressure=False, DiskPressure=True (KubeletHasDiskPressure), ...": the other conditions at a glance. */
export function conditionsSummary(node: KubeNode): string {
  return (node.status?.conditions ?? [])
    .filter((c) => c.type !== 'Ready')
    .map((c) => `${c.type}=${c.status}${c.status !== 'False' && c.reason ? ` (${c.reason})` : ''}`)
    .join(', ');
}

export function isNodeReady(node: KubeNode | undefined): boolean | undefined {
  if (!node) return undefined;
  const status = nodeReadiness(node).ready;
  return status === undefined ? undefined : status === 'True';
}
