import { ago } from '../time/elapsed.ts';
import { eventsWithReason, type TimelineEvent } from '../events/timeline.ts';
import type { ClaimFacts, Facts } from '../facts/facts.ts';
import type { Evidence } from '../findings/finding.ts';
import { isTerminated, podCondition } from '../kube/pod-status.ts';
import type { Pod } from '../kube/types.ts';
import { blockersOf, computeNodeFits, type Blocker, type NodeFit } from './node-fit.ts';
import { describeRequest, podRequests, type Amounts } from './pod-requests.ts';
import { describeReason, parseSchedulerMessage, type ReasonKind, type SchedulerMessage, type SchedulerReason } from './scheduler-messages.ts';

/** What the scheduler last said about the pod, and where that was read. */
export interface SchedulerVerdict {
  message: SchedulerMessage;
  evidence: Evidence;
}

/** A pod waiting for a node, seen through the scheduler's message and our own node-fit. */
export interface UnscheduledPod {
  pod: Pod;
  requests: Amounts;
  verdict?: SchedulerVerdict;
  /** Every node judged against the pod; undefined when nodes were not gathered (a gap). */
  fits?: NodeFit[];
  /** Nodes where nothing we can compute is in the way. */
  openNodes: NodeFit[];
  /** The pods bound to nodes could not be listed, so what nodes already give away is unknown. */
  usageUnknown: boolean;
}

/** Which finding answers each kind of scheduler reason ('volume' is pvc-unbound's). */
export const BLOCKER_OF_REASON: Record<ReasonKind, Blocker | 'volume' | undefined> = {
  resources: 'resources',
  'no-nodes': 'resources',
  taint: 'taint',
  cordoned: 'taint',
  'node-condition': 'taint',
  selector: 'selector',
  'volume-affinity': 'selector',
  'claim-unbound': 'volume',
  'claim-missing': 'volume',
  'claim-deleting': 'volume',
  'no-volume': 'volume',
  'volume-binding': 'volume',
  'pod-affinity': undefined,
  'topology-spread': undefined,
  ports: undefined,
  'volume-limits': undefined,
  other: undefined,
};

/**
 * Priorities inside the creation and scheduling band (20-39). A blocker that is the only thing
 * keeping the pod off some node is the fix that lets it schedule, so it is read first; the
 * others keep their detector's priority. pvc-unbound (24-25) stays ahead of all of them: the
 * scheduler rejects the pod before it looks at any node while a claim is unbound.
 */
const SOLE_BLOCKER_PRIORITY: Record<Blocker, number> = { taint: 26, selector: 27, resources: 28 };

export function readUnscheduledPod(facts: Facts): UnscheduledPod | undefined {
  const pod = facts.pod?.pod;
  if (!pod || !awaitsNode(pod)) return undefined;
  const nodes = facts.scheduling?.nodes ?? [];
  // An empty node list is what a failed read looks like too: no nodes, no node-fit.
  const fits = facts.scheduling && nodes.length > 0 ? computeNodeFits(pod, facts.scheduling, facts.pod?.claims) : undefined;
  return {
    pod,
    requests: podRequests(pod),
    verdict: latestVerdict(facts),
    fits,
    openNodes: (fits ?? []).filter((fit) => blockersOf(fit).length === 0),
    usageUnknown: facts.gaps.some((gap) => gap.what.startsWith('list pods')),
  };
}

function awaitsNode(pod: Pod): boolean {
  if (pod.spec.nodeName || pod.metadata.deletionTimestamp || isTerminated(pod)) return false;
  const scheduled = podCondition(pod, 'PodScheduled');
  // A gated pod (spec.schedulingGates) is not tried at all: nothing about nodes explains it.
  return scheduled?.status !== 'True' && scheduled?.reason !== 'SchedulingGated';
}

/**
 * The newest FailedScheduling event, else the PodScheduled condition, which carries the same
 * message and outlives the event (events expire after an hour by default).
 */
function latestVerdict(facts: Facts): SchedulerVerdict | undefined {
  const event = eventsWithReason(facts.pod?.events ?? [], 'FailedScheduling')[0];
  if (event?.message) {
    return { message: parseSchedulerMessage(event.message), evidence: { kind: 'event', source: eventSource(event, facts.now), text: event.message } };
  }
  const condition = facts.pod ? podCondition(facts.pod.pod, 'PodScheduled') : undefined;
  if (condition?.status === 'False' && condition.reason === 'Unschedulable' && condition.message) {
    return {
      message: parseSchedulerMessage(condition.message),
      evidence: { kind: 'status', source: 'status.conditions[PodScheduled] (Unschedulable)', text: condition.message },
    };
  }
  return undefined;
}

export function eventSource(event: TimelineEvent, now: Date): string {
  const times = event.count > 1 ? ` x${event.count}` : '';
  const age = event.lastSeen ? `, ${ago(event.lastSeen, now)}` : '';
  const from = event.component ? ` from ${event.component}` : '';
  return `event ${event.reason}${times}${age}${from}`;
}


/** The scheduler's reasons that one finding answers. */
export function reasonsFor(view: UnscheduledPod, blocker: Blocker | 'volume'): SchedulerReason[] {
  return (view.verdict?.message.reasons ?? []).filter((reason) => BLOCKER_OF_REASON[reason.kind] === blocker);
}

/**
 * Nodes our node-fit finds blocked by this blocker. When some node looks open, the pod is held
 * back by something we cannot compute (pod affinity, ports ...), so what holds the other nodes
 * back counts only where the scheduler's message names it too.
 */
export function nodesBlockedBy(view: UnscheduledPod, blocker: Blocker): NodeFit[] {
  if (!view.fits) return [];
  if (view.openNodes.length > 0 && reasonsFor(view, blocker).length === 0) return [];
  return view.fits.filter((fit) => blockersOf(fit).includes(blocker));
}

/**
 * A blocker that alone keeps the pod off some node leads. A selector is the exception when it
 * matches some nodes: then it works as meant, and what blocks the nodes it picks is the fix.
 */
export function priorityFor(view: UnscheduledPod, blocker: Blocker, base: number): number {
  if (!view.fits || view.openNodes.length > 0) return base;
  if (blocker === 'selector' && !view.fits.every((fit) => blockersOf(fit).includes('selector'))) return base;
  const sole = view.fits.some((fit) => blockersOf(fit).length === 1 && blockersOf(fit)[0] === blocker);
  return sole ? SOLE_BLOCKER_PRIORITY[blocker] : base;
}

/** Reasons the scheduler gave that this finding does not answer, for its detail. */
export function otherReasons(view: UnscheduledPod, blocker: Blocker | 'volume'): string[] {
  return (view.verdict?.message.reasons ?? []).filter((reason) => BLOCKER_OF_REASON[reason.kind] !== blocker).map(describeReason);
}

/** The preemption verdict in words a person acts on. */
export function preemptionNote(view: UnscheduledPod): string | undefined {
  const nominated = view.pod.status?.nominatedNodeName;
  if (nominated) return `The scheduler is preempting lower-priority pods on ${nominated} to make room (status.nominatedNodeName).`;
  const preemption = view.verdict?.message.preemption;
  if (!preemption) return undefined;
  if (/No preemption victims found/i.test(preemption)) return 'Preemption cannot help: no lower-priority pods could be evicted to make room.';
  if (/not helpful/i.test(preemption)) return 'Preemption cannot help: evicting pods would not fix what blocks these nodes.';
  return undefined;
}

/** The pod's requests as a person reads them: "cpu 250m, memory 2000Mi". */
export function describeRequests(view: UnscheduledPod): string {
  const parts = [...view.requests].map(([resource, amount]) => `${resource} ${describeRequest(view.pod, resource, amount)}`);
  return parts.length > 0 ? parts.join(', ') : 'no resources';
}

/**
 * The checks that came back clean on the node a finding is about, so a person need not repeat
 * them: the other two blockers, and the pod's claims.
 */
export function ruledOutOn(view: UnscheduledPod, fit: NodeFit | undefined, claims: readonly ClaimFacts[], except: Blocker): string[] {
  const ruled: string[] = [];
  if (fit) {
    const blockers = blockersOf(fit);
    if (except !== 'taint' && !blockers.includes('taint')) ruled.push(`taints: none on ${fit.name} that the pod does not tolerate, and it is not cordoned`);
    if (except !== 'selector' && !blockers.includes('selector')) {
      const constrained = Object.keys(view.pod.spec.nodeSelector ?? {}).length > 0 || view.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      ruled.push(constrained ? `node selector/affinity: ${fit.name} matches` : 'node selector/affinity: none set');
    }
    if (except !== 'resources' && !blockers.includes('resources')) ruled.push(`resources: ${fit.name} has room for the pod's requests (${describeRequests(view)})`);
  }
  if (claims.length === 0) ruled.push('PVCs: none mounted');
  else if (claims.every((claim) => claim.claim?.status?.phase === 'Bound')) ruled.push(`PVCs: all bound (${claims.map((c) => c.claimName).join(', ')})`);
  for (const claim of claims) {
    const className = claim.claim?.spec?.storageClassName;
    const storageClass = claim.storageClass ?? claim.storageClasses.find((sc) => sc.metadata.name === className);
    const failed = claim.events.some((event) => event.reason === 'ProvisioningFailed');
    // Pending is this class's normal state until the scheduler picks a node, so it is no cause.
    if (claim.claim?.status?.phase === 'Pending' && storageClass?.volumeBindingMode === 'WaitForFirstConsumer' && !failed) {
      ruled.push(`PVC ${claim.claimName}: Pending only because StorageClass ${storageClass.metadata.name} is WaitForFirstConsumer; it binds once the pod has a node`);
    }
  }
  return ruled;
}
