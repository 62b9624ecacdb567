import type { ClaimFacts, SchedulingFacts } from '../facts/facts.ts';
import { toMilli } from '../kube/quantity.ts';
import type { KubeNode, Pod, Taint } from '../kube/types.ts';
import { podSelectorMisses, termMisses, type SelectorMiss } from './node-affinity.ts';
import { podRequests, type Amounts } from './pod-requests.ts';
import { isCordonedFor, untoleratedTaints } from './taints.ts';

/** A resource the node cannot give the pod: integer units as in pod-requests.ts. */
export interface Shortfall {
  resource: string;
  requested: number;
  allocatable: number;
  /** Requested by the pods already bound to the node. */
  used: number;
  free: number;
  /** requested - free: what the node lacks. */
  lacks: number;
  /** Whether the node lists the resource in status.allocatable at all (a device plugin publishes GPUs there). */
  advertised: boolean;
}

/** One node judged against the pod the way the scheduler's filters judge it. */
export interface NodeFit {
  name: string;
  node: KubeNode;
  cordoned: boolean;
  taints: Taint[];
  selectorMisses: SelectorMiss[];
  /** Bound PersistentVolumes whose node affinity excludes this node (the volume lives elsewhere). */
  volumeMisses: SelectorMiss[];
  shortfalls: Shortfall[];
  podCount: number;
}

/** The three things a person can change, each answered by its own finding. */
export type Blocker = 'taint' | 'selector' | 'resources';

export function blockersOf(fit: NodeFit): Blocker[] {
  const blockers: Blocker[] = [];
  if (fit.cordoned || fit.taints.length > 0) blockers.push('taint');
  if (fit.selectorMisses.length > 0 || fit.volumeMisses.length > 0) blockers.push('selector');
  if (fit.shortfalls.length > 0) blockers.push('resources');
  return blockers;
}

/**
 * Recomputes every filter we can see for every node: allocatable minus what the non-terminated
 * pods bound there request (NodeResourcesFit), taints and cordon, node selector and affinity,
 * and the node affinity of volumes already bound. Unlike the scheduler, which stops at a node's
 * first failing filter, this keeps every reason, so a tainted node that would otherwise fit can
 * be told apart from one that is also too small.
 */
export function computeNodeFits(pod: Pod, scheduling: SchedulingFacts, claims: readonly ClaimFacts[] = []): NodeFit[] {
  const requested = podRequests(pod);
  const byNode = new Map<string, Pod[]>();
  for (const bound of scheduling.boundPods) {
    const nodeName = bound.spec.nodeName;
    const itself = bound.metadata.name === pod.metadata.name && bound.metadata.namespace === pod.metadata.namespace;
    if (!nodeName || itself) continue;
    byNode.set(nodeName, [...(byNode.get(nodeName) ?? []), bound]);
  }
  // In name order (node2 before node10), so the answer does not depend on the order a reader lists nodes in.
  const nodes = [...scheduling.nodes].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '', 'en', { numeric: true }));
  return nodes.map((node) => {
    const name = node.metadata.name ?? '';
    const residents = byNode.get(name) ?? [];
    return {
      name,
      node,
      cordoned: isCordonedFor(node, pod.spec.tolerations),
      taints: untoleratedTaints(node, pod.spec.tolerations),
      selectorMisses: podSelectorMisses(pod, node),
      volumeMisses: volumeMisses(node, claims),
      shortfalls: shortfalls(requested, node, residents),
      podCount: residents.length,
    };
  });
}

function volumeMisses(node: KubeNode, claims: readonly ClaimFacts[]): SelectorMiss[] {
  return claims.flatMap((claim) => {
    const terms = claim.volumeObject?.spec?.nodeAffinity?.required?.nodeSelectorTerms;
    if (!terms) return [];
    const volume = { name: claim.volumeObject?.metadata.name ?? '?', claim: claim.claimName };
    return termMisses(terms, node, `PersistentVolume ${volume.name} (claim ${volume.claim})`).map((miss) => ({ ...miss, volume }));
  });
}

function shortfalls(requested: Amounts, node: KubeNode, residents: readonly Pod[]): Shortfall[] {
  const allocatable = node.status?.allocatable ?? {};
  const used: Amounts = new Map();
  for (const resident of residents) {
    for (const [resource, amount] of podRequests(resident)) used.set(resource, (used.get(resource) ?? 0) + amount);
  }
  const result: Shortfall[] = [];
  for (const [resource, amount] of requested) {
    // A resource the node does not advertise counts as zero: that is how a GPU pod meets a CPU node.
    const capacity = allocatable[resource] === undefined ? 0 : toMilli(resource, allocatable[resource]);
    if (!Number.isFinite(capacity)) continue;
    const taken = used.get(resource) ?? 0;
    const free = capacity - taken;
    if (amount > free) result.push({ resource, requested: amount, allocatable: capacity, used: taken, free, lacks: amount - free, advertised: allocatable[resource] !== undefined });
  }
  // Every pod takes a slot, whatever it requests ("Too many pods").
  const slots = allocatable.pods === undefined ? NaN : toMilli('pods', allocatable.pods);
  if (Number.isFinite(slots) && residents.length + 1 > slots) {
    result.push({ resource: 'pods', requested: 1, allocatable: slots, used: residents.length, free: slots - residents.length, lacks: residents.length + 1 - slots, advertised: true });
  }
  return result;
}

/**
 * The node that came closest for the given blocker: first the nodes held back by nothing else,
 * then by the fewest other blockers; tainted control-plane nodes after workers, since they are
 * kept for cluster components by design; then (for resources) the smallest relative shortfall.
 */
export function nearestNode(fits: readonly NodeFit[], blocker: Blocker): NodeFit | undefined {
  const candidates = fits.filter((fit) => blockersOf(fit).includes(blocker));
  return candidates.sort(
    (a, b) =>
      blockersOf(a).length - blockersOf(b).length ||
      Number(isControlPlane(a)) - Number(isControlPlane(b)) ||
      relativeShortfall(a) - relativeShortfall(b),
  )[0];
}

/** A control-plane node kept for cluster components: one that carries the kubeadm taint. */
function isControlPlane(fit: NodeFit): boolean {
  return fit.taints.some((t) => t.key === 'node-role.kubernetes.io/control-plane' || t.key === 'node-role.kubernetes.io/master');
}

function relativeShortfall(fit: NodeFit): number {
  return fit.shortfalls.reduce((sum, s) => sum + s.lacks / Math.max(1, s.requested), 0);
}
