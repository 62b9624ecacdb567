// kube-scheduler's FailedScheduling message, read as data. Since 1.10 the message is
// FitError.Error(): "0/<nodes> nodes are available: <count> <reason>, ..." with the reasons
// sorted as strings (their order means nothing), then " preemption: ..." since 1.24. A
// PreFilter failure prints its reason once, without a count (1.27+) or with the node count
// (earlier). Before 1.10 the reasons were predicate names: "Insufficient cpu (3),
// MatchNodeSelector (2)". The plugins' reason strings changed wording across versions, so
// each kind below lists every wording we know.

/** What a reason says is in the way; each kind is answered by one finding (see BLOCKER_OF_REASON). */
export type ReasonKind =
  | 'resources'
  | 'no-nodes'
  | 'taint'
  | 'cordoned'
  | 'node-condition'
  | 'selector'
  | 'volume-affinity'
  | 'claim-unbound'
  | 'claim-missing'
  | 'claim-deleting'
  | 'no-volume'
  | 'volume-binding'
  | 'pod-affinity'
  | 'topology-spread'
  | 'ports'
  | 'volume-limits'
  | 'other';

export interface SchedulerReason {
  /** How many nodes failed for this reason; undefined for a pod-level (PreFilter) reason. */
  count?: number;
  /** The reason as the scheduler wrote it. */
  text: string;
  kind: ReasonKind;
  /** "Insufficient nvidia.com/gpu" -> "nvidia.com/gpu"; "Too many pods" -> "pods". */
  resource?: string;
  /** "{node-role.kubernetes.io/control-plane: }" -> key and value. */
  taint?: { key: string; value: string };
  /** The claim a volume reason names, when it names one. */
  claim?: string;
}

export interface SchedulerMessage {
  /** N in "0/N nodes are available"; undefined when the message does not say. */
  nodes?: number;
  reasons: SchedulerReason[];
  /** What the preemption attempt concluded ("3 No preemption victims found for incoming pod"). */
  preemption?: string;
}

interface ReasonPattern {
  kind: ReasonKind;
  pattern: RegExp;
  /** For reasons that name their resource implicitly. */
  resource?: string;
}

/** First match wins, so the more specific wordings come first. */
export const SCHEDULER_REASON_PATTERNS: readonly ReasonPattern[] = [
  // NodeResourcesFit: "Insufficient cpu", "Insufficient nvidia.com/gpu"; "Too many pods" since 1.19 for the pod count.
  { kind: 'resources', pattern: /^Insufficient (?<resource>\S+?)\.?$/ },
  { kind: 'resources', pattern: /^Too many pods$/, resource: 'pods' },
  { kind: 'no-nodes', pattern: /no nodes available to schedule pods/i },
  // TaintToleration: 1.25+ "had untolerated taint {k: v}"; 1.18-1.24 "had taint {k: v}, that the pod didn't tolerate".
  { kind: 'taint', pattern: /node\(s\) had (?:untolerated )?taint \{(?<key>[^:}]*):\s?(?<value>[^}]*)\}/ },
  { kind: 'taint', pattern: /node\(s\) had taints that the pod didn't tolerate|^PodToleratesNodeTaints$/ },
  // NodeUnschedulable: spec.unschedulable (cordon).
  { kind: 'cordoned', pattern: /node\(s\) were unschedulable|^NodeUnschedulable$/ },
  // Condition predicates removed in 1.17 in favour of taints.
  {
    kind: 'node-condition',
    pattern: /node\(s\) (?:were not ready|had (?:memory|disk|pid) pressure|were out of disk space|had network unavailable)|^(?:NodeNotReady|NodeOutOfDisk|NodeUnderMemoryPressure|NodeUnderDiskPressure|NodeUnderPIDPressure|CheckNodeCondition)$/,
  },
  // VolumeBinding and VolumeZone: the volume already lives in a zone or on a node the pod cannot use.
  { kind: 'volume-affinity', pattern: /volume node affinity conflict|no available volume zone|^NoVolumeZoneConflict$|^NoVolumeNodeConflict$/ },
  // NodeAffinity: 1.21+ "didn't match Pod's node affinity/selector"; earlier "didn't match node selector" or "Pod's node affinity".
  { kind: 'selector', pattern: /didn't match (?:Pod's )?node (?:affinity|selector)|^MatchNodeSelector$/ },
  { kind: 'claim-unbound', pattern: /pod has unbound (?:immediate )?PersistentVolumeClaims/ },
  { kind: 'claim-missing', pattern: /persistentvolumeclaim "(?<claim>[^"]+)" not found/ },
  { kind: 'claim-deleting', pattern: /persistentvolumeclaim "(?<claim>[^"]+)" is being deleted/ },
  { kind: 'no-volume', pattern: /didn't find available persistent volumes to bind|did not have enough free storage|bound to non-existent pv/ },
  // PreBind: the claim was assumed on a node, then provisioning failed or timed out.
  { kind: 'volume-binding', pattern: /binding volumes:.*PVC "(?<claim>[^"]+)"/ },
  { kind: 'volume-binding', pattern: /binding volumes:/ },
  { kind: 'pod-affinity', pattern: /pod affinity|anti-affinity|^MatchInterPodAffinity$/ },
  { kind: 'topology-spread', pattern: /topology spread constraints/ },
  { kind: 'ports', pattern: /free ports|^PodFitsHostPorts$/ },
  { kind: 'volume-limits', pattern: /exceed max volume count|max volume count|had no available disk|^NoDiskConflict$/ },
];

/** Parses any FailedScheduling message; an unknown format yields one reason of kind 'other'. */
export function parseSchedulerMessage(message: string): SchedulerMessage {
  const text = message.trim();
  const cut = text.search(/\s*preemption:\s/);
  const head = cut >= 0 ? text.slice(0, cut) : text;
  const preemption = cut >= 0 ? stripDots(text.slice(cut).replace(/^\s*preemption:\s*/, '')) : undefined;

  const modern = /^0\/(\d+) nodes are available:?\s*([\s\S]*)$/.exec(head);
  if (modern) {
    const body = stripDots(modern[2] ?? '');
    const items = body ? body.split(/,\s+(?=\d+ )/) : [];
    return { nodes: Number(modern[1]), reasons: items.map(parseCountedItem), preemption };
  }
  const predicates = /No nodes are available that match all of the (?:following )?predicates:+\s*([\s\S]*)$/.exec(head);
  if (predicates) {
    const items = stripDots(predicates[1] ?? '').split(/,\s+/);
    return { reasons: items.map(parsePredicateItem), preemption };
  }
  return { reasons: [classify(stripDots(head))], preemption };
}

function parseCountedItem(item: string): SchedulerReason {
  const counted = /^(\d+) ([\s\S]+)$/.exec(item.trim());
  return counted ? { ...classify(counted[2] ?? ''), count: Number(counted[1]) } : classify(item.trim());
}

function parsePredicateItem(item: string): SchedulerReason {
  const counted = /^([\s\S]+?) \((\d+)\)$/.exec(item.trim());
  return counted ? { ...classify(counted[1] ?? ''), count: Number(counted[2]) } : classify(item.trim());
}

function classify(text: string): SchedulerReason {
  for (const entry of SCHEDULER_REASON_PATTERNS) {
    const match = entry.pattern.exec(text);
    if (!match) continue;
    const groups = match.groups ?? {};
    const reason: SchedulerReason = { text, kind: entry.kind };
    const resource = entry.resource ?? groups.resource;
    if (resource) reason.resource = resource;
    if (groups.key !== undefined) reason.taint = { key: groups.key.trim(), value: (groups.value ?? '').trim() };
    if (groups.claim) reason.claim = groups.claim;
    return reason;
  }
  return { text, kind: 'other' };
}

function stripDots(text: string): string {
  return text.trim().replace(/\.+$/, '').trim();
}

/** "1 node(s) had untolerated taint {...}" back as a person reads it in kubectl describe. */
export function describeReason(reason: SchedulerReason): string {
  return reason.count === undefined ? reason.text : `${reason.count} ${reason.text}`;
}
