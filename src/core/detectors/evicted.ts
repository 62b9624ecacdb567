import { citeEvent } from '../events/cite-event.ts';
import { eventsWithReason } from '../events/timeline.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { podCondition } from '../kube/pod-status.ts';
import { formatBytes, parseQuantity } from '../kube/quantity.ts';
import type { Pod } from '../kube/types.ts';
import { agoText } from '../time/elapsed.ts';
import type { Detector } from './detector.ts';

/**
 * The kubelet evicted the pod: status.reason Evicted (phase Failed), the Evicted event, and
 * since 1.26 a DisruptionTarget condition with reason TerminationByKubelet. The message says
 * why (pkg/kubelet/eviction/helpers.go): node pressure ("The node was low on resource: X.
 * Threshold quantity: T, available: A. Container c was using U, request is R, has larger
 * consumption of X."; before 1.20 "... which exceeds its request of R."), local storage limits
 * ("Pod ephemeral local storage usage exceeds the total limit of containers L.", "Container c
 * exceeded its local ephemeral storage limit "L".", "Usage of EmptyDir volume "v" exceeds the
 * limit "L"."), or admission while the node had a pressure condition ("The node had
 * condition: [DiskPressure]."). Graceful node shutdown is the kubelet's other way of failing a
 * pod for a reason outside it, and is reported here too (see shutdownFinding). The node's own events (EvictionThresholdMet, NodeHasDiskPressure,
 * FreeDiskSpaceFailed) say when the pressure began and ended.
 */
interface Consumer {
  container: string;
  usage: string;
  request: string;
}

interface Eviction {
  resource?: string;
  threshold?: string;
  available?: string;
  consumers: Consumer[];
  limit?: string;
  limitOf?: string;
  /** Refused at admission: the node conditions it had when the pod arrived ("The node had condition: [X]."). */
  admissionConditions?: string[];
}

const RESOURCE_CONDITION: Record<string, string> = { memory: 'MemoryPressure', 'ephemeral-storage': 'DiskPressure', inodes: 'DiskPressure', pids: 'PIDPressure' };
const CONDITION_RESOURCE: Record<string, string> = { MemoryPressure: 'memory', DiskPressure: 'ephemeral-storage', PIDPressure: 'pids' };
const NODE_PRESSURE_EVENTS = ['EvictionThresholdMet', 'NodeHasDiskPressure', 'NodeHasNoDiskPressure', 'NodeHasInsufficientMemory', 'NodeHasSufficientMemory', 'NodeHasInsufficientPID', 'FreeDiskSpaceFailed', 'ImageGCFailed', 'SystemOOM'];

function readEviction(message: string): Eviction {
  const eviction: Eviction = { consumers: [] };
  const low = /The node was low on resource: \[?([\w.-]+?)\]?\.(?: Threshold quantity: (\S+), available: (\S+?)\.)?(?:\s|$)/.exec(message);
  if (low) Object.assign(eviction, { resource: low[1], threshold: low[2], available: low[3] });
  for (const m of message.matchAll(/Container (\S+) was using (\S+), (?:request is (\S+), has larger consumption of [\w.-]+|which exceeds its request of (\S+?))\./g)) {
    eviction.consumers.push({ container: m[1]!, usage: m[2]!, request: m[3] ?? m[4]! });
  }
  // The eviction manager's admission check (Admit in eviction_manager.go) prints the node's
  // conditions as a Go slice: "[MemoryPressure]" or "[MemoryPressure DiskPressure]".
  const condition = /The node had condition: \[([^\]]+)\]/.exec(message);
  if (condition) {
    eviction.admissionConditions = condition[1]!.split(/[\s,]+/).filter(Boolean);
    const first = eviction.admissionConditions[0]!;
    eviction.resource = CONDITION_RESOURCE[first] ?? first;
  }
  const podLimit = /Pod ephemeral local storage usage exceeds the total limit of containers (\S+?)\.?\s*$/.exec(message);
  if (podLimit) Object.assign(eviction, { resource: 'ephemeral-storage', limit: podLimit[1], limitOf: 'the pod (sum of its containers\' limits)' });
  const containerLimit = /Container (\S+) exceeded its local ephemeral storage limit "([^"]+)"/.exec(message);
  if (containerLimit) Object.assign(eviction, { resource: 'ephemeral-storage', limit: containerLimit[2], limitOf: `container ${containerLimit[1]}` });
  const emptyDir = /Usage of EmptyDir volume "([^"]+)" exceeds the limit "([^"]+)"/.exec(message);
  if (emptyDir) Object.assign(eviction, { resource: 'ephemeral-storage', limit: emptyDir[2], limitOf: `emptyDir volume ${emptyDir[1]} (sizeLimit)` });
  return eviction;
}

export const evicted: Detector = {
  id: 'evicted',
  priority: 15,
  detect(facts: Facts): FindingDraft | undefined {
    const podFacts = facts.pod;
    if (!podFacts) return undefined;
    const pod = podFacts.pod;
    const disruption = podCondition(pod, 'DisruptionTarget');
    const byKubelet = disruption?.status === 'True' && disruption.reason === 'TerminationByKubelet';
    const event = eventsWithReason(podFacts.events, 'Evicted')[0];
    const statusSays = pod.status?.reason === 'Evicted';

    const shutdown = nodeShutdownTermination(pod);
    if (shutdown) return shutdownFinding(facts, pod, shutdown);
    if (!statusSays && !event && !byKubelet) return undefined;
    const message = (statusSays ? pod.status?.message : undefined) || event?.message || disruption?.message || '';
    const eviction = readEviction(message);
    const node = pod.spec.nodeName ?? '?';
    const when = event?.lastSeen ?? disruption?.lastTransitionTime;
    const ago = agoText(when, facts.now);

    const evidence: Evidence[] = [];
    if (statusSays) evidence.push({ kind: 'status', source: 'status.reason / status.message', text: `${pod.status?.phase ?? ''} Evicted: ${pod.status?.message ?? ''}`.trim() });
    if (event) evidence.push(citeEvent(event, facts.now));
    if (byKubelet) evidence.push({ kind: 'status', source: 'status.conditions[DisruptionTarget]', text: `True, reason TerminationByKubelet${disruption?.lastTransitionTime ? `, at ${disruption.lastTransitionTime}` : ''}` });
    for (const nodeEvent of relevantNodeEvents(facts, eviction.resource).slice(0, 3)) evidence.push(citeEvent(nodeEvent, facts.now));

    const vars: Record<string, string> = { node };
    if (eviction.resource) vars.resource = eviction.resource;
    if (eviction.threshold) vars.threshold = eviction.threshold;
    if (eviction.available) vars.available = eviction.available;
    if (eviction.limit) vars.limit = eviction.limit;
    const top = eviction.consumers[0];
    if (top) Object.assign(vars, { container: top.container, usage: top.usage, request: top.request });
    if (when) vars.evictedAt = when;

    const limits = eviction.limitOf?.startsWith('the pod') ? declaredLimits(pod) : undefined;
    if (limits) evidence.push({ kind: 'spec', source: 'spec.containers[*].resources.limits.ephemeral-storage', text: limits.text });
    const cause = eviction.admissionConditions ? pressureCausedBy(facts, pod) : undefined;
    if (cause) {
      evidence.push({ kind: 'object', source: `Pod ${cause.metadata.name}`, text: `evicted earlier from the same node: ${cause.status?.message?.trim() ?? ''}` });
    }

    const replacement = replacementOf(facts, pod, when);
    if (replacement) {
      vars.replacement = replacement.name;
      evidence.push({ kind: 'object', source: `Pod ${replacement.name}`, text: `replacement from the same workload: ${replacement.state}${replacement.node ? ` on ${replacement.node}` : ''}` });
    }

    const ruledOut: string[] = [];
    const condition = eviction.resource ? RESOURCE_CONDITION[eviction.resource] : undefined;
    const nodeNow = podFacts.node?.status?.conditions?.find((c) => c.type === condition);
    if (nodeNow?.status === 'False') {
      ruledOut.push(eviction.limit ? `node pressure: ${condition} on ${node} is False; the pod hit its own limit, the node had room` : `${condition} on ${node} is False now: the pressure has passed`);
    }
    const killed = (pod.status?.containerStatuses ?? []).filter((s) => s.state?.terminated?.exitCode === 137 && s.state.terminated.reason !== 'OOMKilled');
    if (killed.length) ruledOut.push(`a crash: exit 137 of ${killed.map((s) => s.name).join(', ')} is the kubelet stopping the container for the eviction`);
    if (eviction.resource === 'memory' && !eviction.admissionConditions) ruledOut.push('OOMKilled: the kubelet evicted the pod for node memory pressure before the kernel OOM killer acted');

    return {
      id: 'evicted',
      title: `Evicted from ${node}${ago ? ` ${ago}` : ''}: ${headline(eviction)}`,
      detail: [
        explanation(eviction, node, pod, limits?.sentence, cause),
        replacement ? `The workload already replaced it with ${replacement.name} (${replacement.state}${replacement.node ? ` on ${replacement.node}` : ''}), so this pod is a record of what happened, not an outage; it stays listed until deleted.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      evidence,
      ruledOut,
      vars,
      container: top?.container,
    };
  },
};

function friendly(quantity: string | undefined): string | undefined {
  if (!quantity) return undefined;
  const bytes = parseQuantity(quantity);
  return Number.isNaN(bytes) || bytes < 1024 ? quantity : formatBytes(bytes);
}

function headline(eviction: Eviction): string {
  if (eviction.limit) return `${eviction.limitOf} used more ${eviction.resource} than its ${eviction.limit} limit`;
  if (eviction.admissionConditions) return `refused on arrival, the node had ${eviction.admissionConditions.join(' and ')}`;
  const parts = [`node low on ${eviction.resource ?? 'a resource'}`];
  if (eviction.available && eviction.threshold) parts[0] += ` (${friendly(eviction.available)} available, threshold ${friendly(eviction.threshold)})`;
  const top = eviction.consumers[0];
  if (top) parts.push(`${top.container} used ${friendly(top.usage)} with ${requestText(top.request, eviction.resource)}`);
  return parts.join('; ');
}

function requestText(request: string, resource: string | undefined): string {
  return request === '0' ? `no ${resource ?? ''} request`.replace('  ', ' ') : `a request of ${friendly(request)}`;
}

function explanation(eviction: Eviction, node: string, pod: Pod, limitSentence: string | undefined, cause: Pod | undefined): string {
  if (eviction.limit) {
    return `The kubelet on ${node} measured ${eviction.limitOf} above its ${eviction.limit} ephemeral-storage limit (container writable layers, logs and emptyDir volumes count) and evicted the pod.${limitSentence ? ` ${limitSentence}` : ''} Raise the limit or make the app write less to local disk.`;
  }
  if (eviction.admissionConditions) return admissionText(eviction.admissionConditions, node, pod, cause);
  if (!eviction.resource) return `The kubelet on ${node} evicted the pod; its message does not name a resource.`;
  const top = eviction.consumers[0];
  const ranked = top
    ? ` It picks pods using more than they request first, then the largest excess: ${top.container} was using ${top.usage} (${friendly(top.usage)}) against ${top.request === '0' ? 'a request of 0' : `a request of ${top.request}`}.`
    : '';
  const qos = pod.status?.qosClass ? ` The pod's QoS class is ${pod.status.qosClass}.` : '';
  return `The node ${node} ran low on ${eviction.resource}${eviction.threshold ? ` (available ${eviction.available}, eviction threshold ${eviction.threshold})` : ''}, so the kubelet evicted pods to reclaim it.${ranked}${qos} Setting the container's ${eviction.resource} request to cover its real usage protects the pod; the node's capacity or its other tenants are the other half of the fix.`;
}

function relevantNodeEvents(facts: Facts, resource: string | undefined) {
  const events = eventsWithReason(facts.pod?.nodeEvents ?? [], ...NODE_PRESSURE_EVENTS);
  if (!resource) return events;
  return events.filter((event) => event.reason !== 'EvictionThresholdMet' || event.message.includes(resource));
}

/** A newer pod of the same workload that runs now: the eviction is history for that workload. */
function replacementOf(facts: Facts, pod: Pod, evictedAt: string | undefined): { name: string; state: string; node?: string } | undefined {
  const since = evictedAt ? Date.parse(evictedAt) - 60_000 : undefined;
  const candidate = (facts.workload?.pods ?? []).find(
    (other) =>
      other.metadata.name !== pod.metadata.name &&
      !other.metadata.deletionTimestamp &&
      other.status?.phase === 'Running' &&
      (since === undefined || Date.parse(other.metadata.creationTimestamp ?? '') >= since),
  );
  if (!candidate) return undefined;
  const ready = podCondition(candidate, 'Ready')?.status === 'True';
  return { name: candidate.metadata.name ?? '?', state: ready ? 'Running and Ready' : 'Running, not Ready', node: candidate.spec.nodeName };
}

/**
 * The kubelet's admission check under node pressure: with MemoryPressure it turns away only
 * BestEffort pods (unless they tolerate the memory-pressure taint), with any other pressure
 * condition every pod that is not critical. The pod never ran, so its own status has no usage.
 */
function admissionText(conditions: string[], node: string, pod: Pod, cause: Pod | undefined): string {
  const qos = pod.status?.qosClass;
  const memoryOnly = conditions.every((c) => c === 'MemoryPressure');
  const why = memoryOnly
    ? `Under MemoryPressure the kubelet refuses only BestEffort pods${qos === 'BestEffort' ? ', and this pod is BestEffort (no requests in any container)' : ''}: giving its containers memory requests would have let it in.`
    : `Under ${conditions.join(' and ')} the kubelet refuses every pod that is not critical.`;
  const source = cause
    ? ` The pressure came from this workload itself: ${cause.metadata.name} was evicted from ${node} just before ("${cause.status?.message?.trim() ?? ''}").`
    : '';
  return `The kubelet on ${node} refused to admit the pod: when it arrived the node had ${conditions.join(' and ')}, so no container was started and it will not be retried (the workload makes a new pod).${source} ${why} Relieve the node (the pod using the most ${memoryOnly ? 'memory' : 'of the resource'} above its request) before the replacement lands there too.`;
}

/** Which containers declare the ephemeral-storage limits the pod-level limit sums. */
function declaredLimits(pod: Pod): { text: string; sentence?: string } | undefined {
  // The kubelet compares the pod's usage with the sum of the limits its containers declare
  // (PodRequestsAndLimits); containers without one add nothing, yet their writes count.
  const containers = pod.spec.containers ?? [];
  const declared = containers.map((c) => ({ name: c.name, limit: c.resources?.limits?.['ephemeral-storage'] }));
  if (!declared.some((c) => c.limit)) return undefined;
  const text = declared.map((c) => `${c.name} ${c.limit ?? 'none'}`).join(', ');
  const without = declared.filter((c) => !c.limit).map((c) => c.name);
  const withLimit = declared.filter((c) => c.limit).map((c) => `${c.name} (${c.limit})`);
  const sentence = without.length
    ? `That total is only what ${withLimit.join(' and ')} declare${withLimit.length > 1 ? '' : 's'}; ${without.join(', ')} declare${without.length > 1 ? '' : 's'} no ephemeral-storage limit, yet ${without.length > 1 ? 'their' : 'its'} writes count against it.`
    : undefined;
  return { text, sentence };
}

/** A pod of the same workload evicted from the same node for resources before this one arrived. */
function pressureCausedBy(facts: Facts, pod: Pod): Pod | undefined {
  const arrived = Date.parse(pod.metadata.creationTimestamp ?? '');
  return (facts.workload?.pods ?? [])
    .filter(
      (other) =>
        other.metadata.name !== pod.metadata.name &&
        other.spec.nodeName === pod.spec.nodeName &&
        other.status?.reason === 'Evicted' &&
        /The node was low on resource/.test(other.status.message ?? '') &&
        !(Date.parse(other.metadata.creationTimestamp ?? '') > arrived),
    )
    .sort((a, b) => Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? ''))[0];
}

/**
 * Graceful node shutdown (kubelet nodeshutdown manager, 1.20+): the node was going down (a Spot or
 * preemptible reclaim, an upgrade, a reboot) and the kubelet stopped the pod within its shutdown
 * grace period, or refused it on arrival. Like an eviction it leaves the pod Failed, by the
 * kubelet, for a reason outside the pod: 1.20 "Shutdown" / "Node is shutting, evicting pods",
 * 1.21+ "Terminated" / "Pod was terminated in response to imminent node shutdown.", and on
 * admission "NodeShutdown" / "Pod was rejected as the node is shutting down.".
 */
const SHUTDOWN_MESSAGE = /imminent node shutdown|Node is shutting, evicting pods|rejected as the node is shutting down|Node is in progress of shutting down/;

function nodeShutdownTermination(pod: Pod): { message: string; at?: string; rejected: boolean } | undefined {
  const disruption = podCondition(pod, 'DisruptionTarget');
  const message = [pod.status?.message, disruption?.message].find((text) => text && SHUTDOWN_MESSAGE.test(text));
  if (!message) return undefined;
  const rejected = /rejected|not admitting/.test(message);
  // Kubelets of 1.22 could leave the reason on a pod whose containers ran again after the reboot.
  const running = (pod.status?.containerStatuses ?? []).some((s) => s.state?.running);
  if (!rejected && running && pod.status?.phase !== 'Failed') return undefined;
  return { message: message.trim(), at: disruption?.lastTransitionTime, rejected };
}

function shutdownFinding(facts: Facts, pod: Pod, shutdown: { message: string; at?: string; rejected: boolean }): FindingDraft {
  const node = pod.spec.nodeName ?? '?';
  const ago = agoText(shutdown.at, facts.now);
  const evidence: Evidence[] = [{ kind: 'status', source: 'status.reason / status.message', text: `${pod.status?.phase ?? ''} ${pod.status?.reason ?? ''}: ${shutdown.message}`.trim() }];
  if (shutdown.at) evidence.push({ kind: 'status', source: 'status.conditions[DisruptionTarget]', text: `True, reason TerminationByKubelet, at ${shutdown.at}` });
  // Not read and no gap: no Node by that name now (the VM was reclaimed), or a snapshot without it.
  const nodeMissing = !facts.pod?.node && !facts.gaps.some((gap) => gap.what === `get node ${node}`);
  if (nodeMissing) evidence.push({ kind: 'node', source: `node ${node}`, text: 'not found: no Node by that name now (the machine was removed, or not captured)' });
  const replacement = replacementOf(facts, pod, shutdown.at);
  if (replacement) evidence.push({ kind: 'object', source: `Pod ${replacement.name}`, text: `replacement from the same workload: ${replacement.state}${replacement.node ? ` on ${replacement.node}` : ''}` });
  const stopped = (pod.status?.containerStatuses ?? []).filter((s) => s.state?.terminated && [137, 143].includes(s.state.terminated.exitCode ?? -1));
  const vars: Record<string, string> = { node };
  if (shutdown.at) vars.evictedAt = shutdown.at;
  if (replacement) vars.replacement = replacement.name;
  return {
    id: 'evicted',
    title: `${shutdown.rejected ? 'Refused' : 'Terminated'} by the kubelet for node shutdown on ${node}${ago ? ` ${ago}` : ''}`,
    detail: [
      `The node ${node} was shutting down (graceful node shutdown: a Spot or preemptible VM reclaimed, a node upgrade or reboot), so the kubelet ${shutdown.rejected ? 'refused to start the pod' : "stopped the pod's containers within the shutdown grace period"} and marked it Failed. Nothing in the pod caused it.`,
      replacement
        ? `The workload already replaced it with ${replacement.name} (${replacement.state}${replacement.node ? ` on ${replacement.node}` : ''}): this pod is a record, kept until deleted or garbage-collected.`
        : 'A pod without a controller is not recreated: start it again if it is still needed.',
      'If shutdowns hurt, spread replicas over nodes and zones, add a PodDisruptionBudget, and keep terminationGracePeriodSeconds within what the node gets (about 25s on GKE Spot and preemptible nodes).',
    ].join(' '),
    evidence,
    ruledOut: stopped.length ? [`a crash: exit ${stopped.map((s) => `${s.state!.terminated!.exitCode} of ${s.name}`).join(', ')} is the kubelet stopping the container for the shutdown`] : [],
    vars,
  };
}
