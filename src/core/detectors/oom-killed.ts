import { ago, msBetween } from '../time/elapsed.ts';
import { eventEvidence } from '../containers/event-evidence.ts';
import { heapSettings, heapVersusLimit } from '../containers/memory-settings.ts';
import { probeKills } from '../containers/probes.ts';
import { restartRecency } from '../containers/restart-recency.ts';
import { describeTermination, latestTermination, logOfEnding, type Termination } from '../containers/termination.ts';
import type { TimelineEvent } from '../events/timeline.ts';
import type { Facts, PodFacts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { containerViews, type ContainerView } from '../kube/pod-status.ts';
import { formatBytes, parseQuantity } from '../kube/quantity.ts';
import { logLines } from '../logs/log-lines.ts';
import { redactText } from '../redaction/redact-text.ts';
import type { Detector } from './detector.ts';

// OOMKilled: the kernel killed the container's process for memory (reason OOMKilled, exit 137).
// The pod often does not look like it: the container restarted and runs again (Running, even
// Ready), or waits in CrashLoopBackOff; the kill is only in lastState. Two different fixes hide
// behind the same reason:
//   - the container hit its own memory limit (the cgroup's limit): raise the limit or use less;
//   - the node ran out of memory (a system OOM: the kubelet reports SystemOOM "System OOM
//     encountered, victim process: java, pid: 1234", node-problem-detector OOMKilling "Out of
//     memory: Killed process ..."), which is what happens to a container without a limit, or
//     with requests far below real use on an overcommitted node.

const NODE_OOM_REASONS = ['SystemOOM', 'OOMKilling'];
/** Node OOM events this close to the container's end are about the same kill. */
const SAME_KILL_WINDOW_MS = 3 * 60 * 1000;
// Not "-XX:+ExitOnOutOfMemoryError" in a JVM's startup banner: a flag is not an error.
const OUT_OF_MEMORY_IN_LOG =
  /(?<![\w+-])(?:java\.lang\.)?OutOfMemoryError\b|JavaScript heap out of memory|\bMemoryError\b|fatal error: runtime: out of memory|Cannot allocate memory|std::bad_alloc|\bout of memory\b/i;

interface OomKill {
  view: ContainerView;
  ending: Termination;
}

function oomKills(pod: PodFacts, now: Date): OomKill[] {
  const kills: OomKill[] = [];
  // A Succeeded pod is judged by how its containers ended: an OOM kill in lastState was retried
  // and the retry succeeded, but one in the final state cut the run short.
  const finished = pod.pod.status?.phase === 'Succeeded';
  for (const view of containerViews(pod.pod)) {
    const ending = latestTermination(view);
    if (ending?.terminated.reason !== 'OOMKilled') continue;
    if (finished ? !ending.current : !ending.current && !restartRecency(view, now).current) continue;
    kills.push({ view, ending });
  }
  // The most recent kill first: it is the one the person is looking at.
  return kills.sort((a, b) => Date.parse(b.ending.terminated.finishedAt ?? '') - Date.parse(a.ending.terminated.finishedAt ?? '') || 0);
}

function nodeOomEventsNear(pod: PodFacts, finishedAt: string | undefined): TimelineEvent[] {
  return pod.nodeEvents.filter((event) => {
    if (!NODE_OOM_REASONS.includes(event.reason)) return false;
    // node-problem-detector reports cgroup kills as OOMKilling too ("Memory cgroup out of memory"): not node-level.
    if (/memory cgroup out of memory/i.test(event.message)) return false;
    const gap = msBetween(event.lastSeen, finishedAt);
    return gap === undefined || Math.abs(gap) <= SAME_KILL_WINDOW_MS;
  });
}

export const oomKilled: Detector = {
  id: 'oom-killed',
  priority: 60,
  detect(facts: Facts): FindingDraft | undefined {
    const pod = facts.pod;
    if (!pod) return undefined;
    const kill = oomKills(pod, facts.now)[0];
    if (!kill) return undefined;
    const { view, ending } = kill;
    const terminated = ending.terminated;
    const spec = view.spec;
    const limitText = spec?.resources?.limits?.memory;
    const requestText = spec?.resources?.requests?.memory;
    const limitBytes = parseQuantity(limitText);
    const node = pod.node;
    const nodeName = pod.pod.spec.nodeName ?? node?.metadata.name;
    const allocatableText = node?.status?.allocatable?.memory;
    const allocatableBytes = parseQuantity(allocatableText);
    const pressure = node?.status?.conditions?.find((c) => c.type === 'MemoryPressure');
    const nodeOom = nodeOomEventsNear(pod, terminated.finishedAt);
    const restarts = view.status?.restartCount ?? 0;
    const label = view.init && !view.sidecar ? `init container ${view.name}` : view.name;

    const evidence: Evidence[] = [{ kind: 'status', source: ending.path, text: describeTermination(terminated) }];
    evidence.push({
      kind: 'spec',
      source: `spec.${view.init ? 'initContainers' : 'containers'}[${view.name}].resources`,
      text: `memory limit ${limitText ?? 'none'}, request ${requestText ?? 'none'}`,
    });
    const ruledOut: string[] = [`application crash: reason OOMKilled with exit ${terminated.exitCode} is the kernel's kill, not the program exiting`];
    const sole = pod.pod.spec.containers.length + (pod.pod.spec.initContainers?.length ?? 0) === 1;
    if (!probeKills(pod.events, view.name, sole)) ruledOut.push('liveness probe kill: no "failed liveness probe" Killing events');

    const nodeLevel = nodeOom.length > 0 || !limitText;
    for (const event of nodeOom) evidence.push(eventEvidence(event, facts.now));
    if (pressure?.status === 'True') {
      evidence.push({ kind: 'node', source: `node ${nodeName} condition MemoryPressure`, text: `True since ${pressure.lastTransitionTime ?? '?'}: ${pressure.message ?? ''}`.trim() });
    } else if (pressure && nodeOom.length === 0) {
      ruledOut.push(`node memory pressure: node ${nodeName} reports MemoryPressure ${pressure.status} and no SystemOOM event near the kill`);
    }
    const overNode = !Number.isNaN(limitBytes) && !Number.isNaN(allocatableBytes) && limitBytes > allocatableBytes;
    if (overNode) {
      evidence.push({ kind: 'computed', source: `node ${nodeName} status.allocatable.memory`, text: `the ${limitText} limit is above the node's allocatable memory ${allocatableText}: the node runs out before the limit is reached` });
    } else if (limitText && allocatableText) {
      ruledOut.push(`limit larger than the node: ${limitText} fits within node ${nodeName}'s allocatable ${formatBytes(allocatableBytes)}`);
    }

    const heapNotes = heapSettings(spec)
      .map((setting) => heapVersusLimit(setting, limitBytes, limitText))
      .filter((note): note is string => Boolean(note));
    for (const note of heapNotes) evidence.push({ kind: 'computed', source: 'heap setting vs memory limit', text: note });

    const log = logOfEnding(view, ending, pod.logs);
    const logSource = log ? `log ${view.name} (${log.previous ? 'previous' : 'current'})` : '';
    const lines = log ? logLines(log.text) : [];
    const oomLine = lines.find((line) => OUT_OF_MEMORY_IN_LOG.test(line));
    if (oomLine) {
      evidence.push({ kind: 'log', source: logSource, text: redactText(oomLine.trim()) });
    } else if (lines.length > 0) {
      evidence.push({ kind: 'log', source: logSource, text: `no out-of-memory error logged; the last line was: ${redactText(lines[lines.length - 1]!.trim())}` });
    }

    const killedAgo = ago(terminated.finishedAt, facts.now);
    const counts = `exit ${terminated.exitCode}, ${restarts} restart${restarts === 1 ? '' : 's'}, last ${killedAgo}`;
    let title: string;
    let detail: string;
    if (!limitText) {
      title = `${label} was OOMKilled with no memory limit: node ${nodeName ?? '?'} ran out of memory (${counts})`;
      detail = `${label} has no memory limit, so no cgroup limit was hit: the kernel's OOM killer picked it when node ${nodeName ?? '?'} ran out of memory. Set a memory request that matches real use (and a limit) so the scheduler stops overcommitting the node.`;
    } else if (nodeLevel || overNode) {
      title = `${label} was OOMKilled by node ${nodeName ?? '?'} running out of memory (container limit ${limitText}; ${counts})`;
      detail = `The kill coincides with a node-level OOM on ${nodeName ?? 'its node'}${overNode ? `, and the ${limitText} limit is more than the node can give` : ''}: the node ran out of memory before ${label} reached its ${limitText} limit. Requests below real use let the scheduler overcommit the node.`;
    } else {
      title = `${label} was OOMKilled at its ${limitText} memory limit (${counts})`;
      detail = `The kernel killed ${label} (reason OOMKilled, exit ${terminated.exitCode}) when it used all of its ${limitText} memory limit${requestText ? ` (request ${requestText})` : ''}${ending.current ? '' : `; it has restarted and is ${view.status?.state?.running ? 'running again' : 'waiting to restart'}`}. ${oomLine ? 'The program saw memory run out before the kill.' : 'Nothing was logged about memory: the process was killed without warning.'}${heapNotes.length ? ` ${heapNotes[0]}.` : ''}`;
    }
    // The runtime sets OOMKilled when any process in the container's cgroup was killed for memory.
    if (terminated.exitCode === 0) {
      detail += ` Exit code 0 with reason OOMKilled: the kernel killed a process in the container (a worker or child process), and the main process still exited 0${pod.pod.status?.phase === 'Succeeded' ? ', so the pod counts as Succeeded although its work was cut short' : ''}.`;
    }

    const vars: Record<string, string> = { container: view.name, exitCode: String(terminated.exitCode), restarts: String(restarts), reason: 'OOMKilled', oomScope: nodeLevel ? 'node' : 'container-limit' };
    // The killed instance is the previous one once the container has restarted: where its output is.
    if (!ending.current) vars.killedEarlier = 'true';
    if (limitText) vars.limit = String(limitText);
    if (requestText) vars.request = String(requestText);
    if (nodeName) vars.node = nodeName;
    if (allocatableText) vars.nodeAllocatable = String(allocatableText);
    return { id: 'oom-killed', title, detail, evidence, ruledOut, vars, container: view.name };
  },
};
