import { citeEvent } from '../events/cite-event.ts';
import { eventsWithReason } from '../events/timeline.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { podCondition } from '../kube/pod-status.ts';
import type { KubeNode, Pod } from '../kube/types.ts';
import { conditionsSummary, nodeReadiness, type NodeReadiness } from '../nodes/node-readiness.ts';
import { agoText, formatDuration, msSince } from '../time/elapsed.ts';
import type { Detector } from './detector.ts';

/**
 * The pod's node is NotReady or Unknown, so whatever the pod's own status says is stale or
 * about to change: the node lifecycle controller marks its pods Ready=False (event NodeNotReady
 * "Node is not ready"), taints the node node.kubernetes.io/unreachable or not-ready with
 * NoExecute, and deletes pods once their toleration (300s by default) runs out. Old clusters set
 * the pod's status.reason to NodeLost ("Node x which was running pod y is unresponsive"). When
 * the Node object cannot be read, the pod's NodeNotReady event with Ready=False is the evidence.
 */
export const nodeNotReady: Detector = {
  id: 'node-not-ready',
  priority: 10,
  detect(facts: Facts): FindingDraft | undefined {
    const podFacts = facts.pod;
    const pod = podFacts?.pod;
    const nodeName = pod?.spec.nodeName;
    if (!podFacts || !pod || !nodeName) return undefined;
    const nodeLost = pod.status?.reason === 'NodeLost';
    // A finished pod does not care what its node does now.
    if (!nodeLost && (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')) return undefined;

    const node = podFacts.node;
    const readiness = node ? nodeReadiness(node) : undefined;
    const podEvent = eventsWithReason(podFacts.events, 'NodeNotReady')[0];
    const podReady = podCondition(pod, 'Ready');
    const notReadyNow = readiness?.ready !== undefined && readiness.ready !== 'True';
    const fromEventsOnly = !node && podEvent !== undefined && podReady?.status === 'False';
    if (!notReadyNow && !(nodeLost && !node) && !fromEventsOnly) return undefined;

    const evidence: Evidence[] = [];
    const vars: Record<string, string> = { node: nodeName };
    let title: string;
    let detail: string;
    const ruledOut: string[] = [];

    if (node && readiness && notReadyNow) {
      const condition = readiness.condition!;
      const state = condition.status === 'Unknown' ? 'Unknown (not reporting)' : 'NotReady';
      const since = msSince(condition.lastTransitionTime, facts.now);
      const words = condition.message || condition.reason || '';
      vars.since = since !== undefined ? formatDuration(since) : '';
      vars.reason = condition.reason ?? '';
      title = `Node ${nodeName} is ${state}${since !== undefined ? ` for ${formatDuration(since)}` : ''}${words ? `: ${words}` : ''}`;
      evidence.push({
        kind: 'node',
        source: `node ${nodeName} status.conditions[Ready]`,
        text: `${condition.status}${condition.reason ? `, reason ${condition.reason}` : ''}${condition.message ? `: ${condition.message}` : ''}${condition.lastTransitionTime ? ` (since ${condition.lastTransitionTime})` : ''}${heartbeat(condition.lastHeartbeatTime, facts.now)}`,
      });
      const others = conditionsSummary(node);
      if (others) evidence.push({ kind: 'node', source: `node ${nodeName} status.conditions`, text: others });
      for (const taint of readiness.lifecycleTaints) {
        evidence.push({ kind: 'node', source: `node ${nodeName} spec.taints`, text: `${taint.key}:${taint.effect}${taint.timeAdded ? ` added ${taint.timeAdded}` : ''}` });
      }
      if (readiness.lifecycleTaints[0]) vars.taint = readiness.lifecycleTaints[0].key;
      if (condition.status === 'False') {
        const calm = (node.status?.conditions ?? []).filter((c) => ['MemoryPressure', 'DiskPressure', 'PIDPressure'].includes(c.type) && c.status === 'False').map((c) => c.type);
        if (calm.length) ruledOut.push(`node resource pressure: ${calm.join(', ')} are False`);
      }
      detail = [
        readiness.meaning ? `The Ready condition means ${readiness.meaning}.` : `The node's Ready condition is ${condition.status}.`,
        troubledText(readiness),
        podConsequence(facts, pod, node, readiness),
      ]
        .filter(Boolean)
        .join(' ');
    } else {
      const when = podEvent?.lastSeen ?? podReady?.lastTransitionTime;
      title = `Node ${nodeName} ${nodeLost ? 'stopped responding (pod status NodeLost)' : 'was reported not ready'}${when ? ` ${agoText(when, facts.now)}` : ''}; the Node object could not be read`;
      detail = `The node controller ${nodeLost ? `set the pod's status to NodeLost: ${pod.status?.message ?? ''}` : 'marked the pod not ready because its node stopped being Ready'}. Without the Node object its current state is unknown: check it with kubectl get node ${nodeName}.`;
      if (nodeLost) evidence.push({ kind: 'status', source: 'status.reason', text: `NodeLost: ${pod.status?.message ?? ''}` });
    }
    if (podEvent) evidence.push(citeEvent(podEvent, facts.now));
    for (const nodeEvent of eventsWithReason(podFacts.nodeEvents, 'NodeNotReady', 'Rebooted', 'NodeNotSchedulable', 'ContainerGCFailed', 'SystemOOM').slice(0, 2)) {
      evidence.push(citeEvent(nodeEvent, facts.now));
    }
    if (podReady?.status === 'False') evidence.push({ kind: 'status', source: 'status.conditions[Ready]', text: `False${podReady.lastTransitionTime ? ` since ${podReady.lastTransitionTime}` : ''}` });
    if (node?.status?.nodeInfo?.kubeletVersion) vars.kubeletVersion = node.status.nodeInfo.kubeletVersion;

    return { id: 'node-not-ready', title, detail, evidence, ruledOut, vars };
  },
};

function heartbeat(iso: string | undefined, now: Date): string {
  const ago = agoText(iso, now);
  return ago ? `; last heartbeat ${ago}` : '';
}

function troubledText(readiness: NodeReadiness): string {
  const real = readiness.troubled.filter((c) => c.status === 'True');
  if (real.length === 0) return '';
  return `The node also reports ${real.map((c) => `${c.type}${c.message ? ` (${c.message})` : ''}`).join(', ')}.`;
}

/** What happens to this pod next: the taint-based deletion timer, and who replaces it. */
function podConsequence(facts: Facts, pod: Pod, node: KubeNode, readiness: NodeReadiness): string {
  const parts: string[] = [];
  const taint = readiness.lifecycleTaints.find((t) => t.effect === 'NoExecute');
  if (taint) {
    const toleration = (pod.spec.tolerations ?? []).find((t) => (t.key === taint.key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'));
    if (!toleration) parts.push(`The pod does not tolerate ${taint.key}, so it is deleted right away.`);
    else if (toleration.tolerationSeconds === undefined) parts.push(`The pod tolerates ${taint.key} forever, so it stays bound to ${node.metadata.name} until the node returns.`);
    else {
      const added = taint.timeAdded ? Date.parse(taint.timeAdded) : NaN;
      const due = Number.isNaN(added) ? undefined : added + toleration.tolerationSeconds * 1000 - facts.now.getTime();
      parts.push(
        due === undefined
          ? `The pod tolerates ${taint.key} for ${toleration.tolerationSeconds}s, then it is deleted.`
          : due > 0
            ? `The pod tolerates ${taint.key} for ${toleration.tolerationSeconds}s: it is deleted in ${formatDuration(due)} unless the node recovers.`
            : `The pod tolerated ${taint.key} for ${toleration.tolerationSeconds}s, which ran out ${formatDuration(-due)} ago, so its deletion has been requested.`,
      );
    }
  }
  if (facts.workload?.kind === 'StatefulSet') {
    parts.push('A StatefulSet does not start a replacement while the old pod might still run: the pod stays until the node is back, or until a person confirms the node is down and deletes the Node or force-deletes the pod.');
  }
  return parts.join(' ');
}
