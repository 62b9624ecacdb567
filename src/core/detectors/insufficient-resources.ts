import { eventsWithReason } from '../events/timeline.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { formatMilli } from '../kube/quantity.ts';
import type { Pod } from '../kube/types.ts';
import { blockersOf, nearestNode, type NodeFit, type Shortfall } from '../scheduling/node-fit.ts';
import { describeRequest } from '../scheduling/pod-requests.ts';
import type { SchedulerReason } from '../scheduling/scheduler-messages.ts';
import {
  describeRequests,
  eventSource,
  nodesBlockedBy,
  otherReasons,
  preemptionNote,
  priorityFor,
  readUnscheduledPod,
  reasonsFor,
  ruledOutOn,
  type UnscheduledPod,
} from '../scheduling/unscheduled-pod.ts';
import type { Detector } from './detector.ts';

// Pending because no node has the allocatable cpu, memory, ephemeral storage, pod slots or
// extended resource (nvidia.com/gpu ...) left for the pod's requests: NodeResourcesFit. Also
// its twin on the node: a pod bound without the scheduler (spec.nodeName) that the kubelet
// refuses at admission (phase Failed, reason OutOfcpu, OutOfmemory, OutOfnvidia.com/gpu ...).
// Our node-fit says how close the nearest node came, which the scheduler's "3 Insufficient
// memory" does not; the cluster autoscaler's verdict, when it left one, says whether more
// nodes are on the way.

const PRIORITY = 34;

export const insufficientResources: Detector = {
  id: 'insufficient-resources',
  priority: PRIORITY,
  detect(facts: Facts): FindingDraft | undefined {
    const view = readUnscheduledPod(facts);
    if (!view) return facts.pod ? kubeletRejection(facts.pod.pod) : undefined;
    const blocked = nodesBlockedBy(view, 'resources');
    const reasons = reasonsFor(view, 'resources');
    if (blocked.length === 0 && reasons.length === 0) return undefined;

    const nearest = nearestNode(blocked, 'resources');
    const resource = nearest ? worstShortfall(nearest)?.resource : mostReported(reasons)?.resource;
    return {
      id: 'insufficient-resources',
      title: titleFor(view, blocked, nearest, reasons),
      detail: detailFor(view, blocked, nearest, reasons),
      evidence: evidenceFor(view, blocked, nearest, facts),
      ruledOut: ruledOutOn(view, nearest, facts.pod?.claims ?? [], 'resources'),
      vars: varsFor(view, nearest, resource),
      priority: priorityFor(view, 'resources', PRIORITY),
    };
  },
};

function worstShortfall(fit: NodeFit): Shortfall | undefined {
  return [...fit.shortfalls].sort((a, b) => b.lacks / Math.max(1, b.requested) - a.lacks / Math.max(1, a.requested))[0];
}

function mostReported(reasons: readonly SchedulerReason[]): SchedulerReason | undefined {
  return [...reasons].filter((r) => r.resource).sort((a, b) => (b.count ?? 0) - (a.count ?? 0))[0];
}

function amount(resource: string, value: number): string {
  return resource === 'pods' ? String(value) : formatMilli(resource, value);
}

/** "lacks 254.4Mi memory", "runs 110/110 pods", "does not offer nvidia.com/gpu". */
function describeShortfall(s: Shortfall): string {
  if (s.resource === 'pods') return `already runs ${s.used}/${s.allocatable} pods`;
  if (s.allocatable === 0) return `has no ${s.resource}`;
  return `lacks ${amount(s.resource, s.lacks)} ${s.resource}`;
}

function titleFor(view: UnscheduledPod, blocked: readonly NodeFit[], nearest: NodeFit | undefined, reasons: readonly SchedulerReason[]): string {
  if (reasons.some((r) => r.kind === 'no-nodes') && !nearest) return 'The cluster has no nodes to schedule the pod on';
  const unadvertised = notAdvertisedAnywhere(view);
  if (unadvertised) {
    const requested = describeRequest(view.pod, unadvertised, view.requests.get(unadvertised) ?? 0);
    const where = view.fits?.length === 1 ? `the only node, ${view.fits[0]!.name}, lists none in its allocatable` : `none of the ${view.fits?.length} nodes lists it in its allocatable`;
    return `No node offers ${unadvertised}, which the pod requests (${requested}): ${where}`;
  }
  if (nearest && nearest.shortfalls.every((s) => s.resource === 'pods')) {
    const slots = nearest.shortfalls[0]!;
    return `No free pod slot where the pod can go: nearest, ${nearest.name}, ${describeShortfall(slots)} (${blocked.length}/${view.fits?.length} nodes full)`;
  }
  if (nearest) {
    const shortfalls = [...nearest.shortfalls].sort((a, b) => b.lacks / Math.max(1, b.requested) - a.lacks / Math.max(1, a.requested));
    const asked = shortfalls
      .filter((s) => s.resource !== 'pods')
      .map((s) => `${describeRequest(view.pod, s.resource, s.requested)} ${s.resource}`);
    const what = `the pod's ${asked.join(' + ')} request`;
    const scope = view.fits && view.fits.length === 1 ? `the only node, ${nearest.name},` : `nearest, ${nearest.name},`;
    return `No node has room for ${what}: ${scope} ${shortfalls.map(describeShortfall).join(' and ')} (${blocked.length}/${view.fits?.length} nodes short)`;
  }
  const top = mostReported(reasons);
  const resource = top?.resource ?? 'resources';
  const requested = view.requests.get(resource);
  const asked = requested !== undefined && resource !== 'pods' ? ` for the pod's ${describeRequest(view.pod, resource, requested)} ${resource} request` : '';
  const count = top?.count !== undefined ? `${top.count}${view.verdict?.message.nodes ? ` of ${view.verdict.message.nodes}` : ''} nodes` : 'nodes';
  return resource === 'pods' ? `The scheduler found ${count} with no free pod slot (Too many pods)` : `The scheduler found ${count} without enough ${resource}${asked}`;
}

function detailFor(view: UnscheduledPod, blocked: readonly NodeFit[], nearest: NodeFit | undefined, reasons: readonly SchedulerReason[]): string {
  const sentences = [`The pod requests ${describeRequests(view)}.`];
  if (nearest) {
    sentences.push(
      ...nearest.shortfalls.map((s) =>
        s.resource === 'pods'
          ? `${nearest.name} already runs ${s.used} pods, its limit of ${s.allocatable}.`
          : !s.advertised
            ? `${nearest.name} lists no ${s.resource} in status.allocatable: extended resources appear there only once a device plugin (or an administrator) registers them on the node.`
            : `${nearest.name} has ${amount(s.resource, s.allocatable)} ${s.resource} allocatable, ${amount(s.resource, s.used)} already requested by its pods, ${amount(s.resource, Math.max(0, s.free))} free.`,
      ),
    );
    const tooBig = tooBigForEveryNode(view, blocked).filter((resource) => resource !== notAdvertisedAnywhere(view));
    if (tooBig.length > 0) sentences.push(`The ${tooBig.join(' and ')} request is larger than what any node can allocate at all, even empty: freeing capacity will not help.`);
    const others = blockersOf(nearest).filter((b) => b !== 'resources');
    if (others.length > 0) sentences.push(`${nearest.name} is also held back by its ${others.join(' and ')}.`);
    if (view.usageUnknown) sentences.push('The pods bound to the nodes could not be listed, so the figures above count no requests of other pods: the real free capacity is lower.');
  } else if (view.fits === undefined) {
    sentences.push(`Nodes could not be read, so this rests on the scheduler's message (${reasons.length} reason${reasons.length === 1 ? '' : 's'} about resources).`);
  }
  const rest = otherReasons(view, 'resources');
  if (rest.length > 0) sentences.push(`The scheduler also reported: ${rest.join(', ')}.`);
  const preemption = preemptionNote(view);
  if (preemption) sentences.push(preemption);
  return sentences.join(' ');
}

/**
 * An extended resource (nvidia.com/gpu ...) that no node lists in status.allocatable: nothing
 * has published it, which is a different fix from "all GPUs are taken".
 */
function notAdvertisedAnywhere(view: UnscheduledPod): string | undefined {
  if (!view.fits || view.fits.length === 0) return undefined;
  return [...view.requests.keys()].find(
    (resource) => resource.includes('/') && view.fits!.every((fit) => fit.node.status?.allocatable?.[resource] === undefined),
  );
}

/** Resources the pod wants more of than any blocked node has allocatable in total. */
function tooBigForEveryNode(view: UnscheduledPod, blocked: readonly NodeFit[]): string[] {
  const fits = view.fits ?? [];
  return [...view.requests]
    .filter(([resource]) => resource !== 'pods' && blocked.some((fit) => fit.shortfalls.some((s) => s.resource === resource)))
    .filter(([resource, requested]) => fits.every((fit) => allocatableOf(fit, resource) < requested))
    .map(([resource]) => resource);
}

function allocatableOf(fit: NodeFit, resource: string): number {
  const shortfall = fit.shortfalls.find((s) => s.resource === resource);
  if (shortfall) return shortfall.allocatable;
  return Number.POSITIVE_INFINITY;
}

function evidenceFor(view: UnscheduledPod, blocked: readonly NodeFit[], nearest: NodeFit | undefined, facts: Facts): Evidence[] {
  const evidence: Evidence[] = [{ kind: 'spec', source: 'spec.containers[*].resources.requests (effective pod request)', text: describeRequests(view) }];
  // Nodes held back by nothing but resources first: a node the pod's selector or a taint rules out anyway says little about room.
  const others = blocked.filter((fit) => fit !== nearest).sort((a, b) => blockersOf(a).length - blockersOf(b).length);
  const shown = nearest ? [nearest, ...others] : [];
  for (const fit of shown.slice(0, 4)) {
    evidence.push({
      kind: 'node',
      source: `node/${fit.name} status.allocatable minus requests of ${fit.podCount} pods`,
      text: fit.shortfalls.map((s) => `${s.resource}: ${amount(s.resource, Math.max(0, s.free))} free of ${amount(s.resource, s.allocatable)}, ${describeShortfall(s)}`).join('; '),
    });
  }
  if (blocked.length > 4) evidence.push({ kind: 'computed', source: 'node-fit', text: `${blocked.length - 4} more nodes short of resources` });
  if (view.verdict) evidence.push(view.verdict.evidence);
  // The cluster autoscaler writes its verdict on the pod: whether a new node is coming.
  const autoscaler = eventsWithReason(facts.pod?.events ?? [], 'NotTriggerScaleUp', 'TriggeredScaleUp')[0];
  if (autoscaler) evidence.push({ kind: 'event', source: eventSource(autoscaler, facts.now), text: autoscaler.message });
  return evidence;
}

function varsFor(view: UnscheduledPod, nearest: NodeFit | undefined, resource: string | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  if (resource) {
    vars.resource = resource;
    const requested = view.requests.get(resource);
    if (requested !== undefined) vars.requested = resource === 'pods' ? '1' : describeRequest(view.pod, resource, requested);
  }
  if (nearest) {
    vars.node = nearest.name;
    const shortfall = nearest.shortfalls.find((s) => s.resource === resource);
    if (shortfall) {
      vars.shortfall = amount(shortfall.resource, shortfall.lacks);
      vars.free = amount(shortfall.resource, Math.max(0, shortfall.free));
      vars.allocatable = amount(shortfall.resource, shortfall.allocatable);
    }
  }
  return vars;
}

/**
 * The kubelet's admission check (lifecycle/predicate.go): "Node didn't have enough resource:
 * cpu, requested: 2000, used: 3000, capacity: 4000", in millicores for cpu and base units
 * otherwise, prefixed "Pod Node" before 1.22 and "Pod was rejected: " since.
 */
const KUBELET_REJECTION = /didn't have enough resource: (?<resource>\S+), requested: (?<requested>\d+), used: (?<used>\d+), capacity: (?<capacity>\d+)/;

function kubeletRejection(pod: Pod): FindingDraft | undefined {
  const status = pod.status;
  if (status?.phase !== 'Failed' || !status.reason?.startsWith('OutOf')) return undefined;
  const match = KUBELET_REJECTION.exec(status.message ?? '');
  if (!match?.groups) return undefined;
  const resource = match.groups.resource!;
  const [requested, used, capacity] = [match.groups.requested, match.groups.used, match.groups.capacity].map(Number) as [number, number, number];
  const node = pod.spec.nodeName ?? 'its node';
  const lacks = requested - (capacity - used);
  const bypassed = !pod.status?.conditions?.some((c) => c.type === 'PodScheduled');
  return {
    id: 'insufficient-resources',
    title: `The kubelet on ${node} refused the pod (${status.reason}): it requests ${amount(resource, requested)} ${resource}, ${amount(resource, used)} of ${amount(resource, capacity)} already in use (lacks ${amount(resource, lacks)})`,
    detail:
      `The kubelet checks requests again when a pod arrives and rejected this one; the pod is Failed and will not be retried on that node.` +
      (bypassed ? ' The pod has no PodScheduled condition: it was bound with spec.nodeName, so the scheduler never checked that it fits.' : ''),
    evidence: [
      { kind: 'status', source: 'status.reason', text: status.reason },
      { kind: 'status', source: 'status.message', text: status.message ?? '' },
    ],
    vars: { node, resource, requested: amount(resource, requested), shortfall: amount(resource, lacks), allocatable: amount(resource, capacity) },
  };
}
