import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import type { NodeCondition, Taint } from '../kube/types.ts';
import { blockersOf, nearestNode, type NodeFit } from '../scheduling/node-fit.ts';
import type { SchedulerReason } from '../scheduling/scheduler-messages.ts';
import { CORDON_TAINT_KEY, describeTaint, describeToleration, taintMeaning, tolerationFor } from '../scheduling/taints.ts';
import {
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

// Pending because the nodes carry taints the pod does not tolerate, or are cordoned: the
// TaintToleration and NodeUnschedulable filters. Conditions like NotReady or disk pressure
// reach the scheduler as node.kubernetes.io/* taints, so they are answered here too, named for
// what they mean about the node rather than as a toleration to add.

const PRIORITY = 30;

export const untoleratedTaint: Detector = {
  id: 'untolerated-taint',
  priority: PRIORITY,
  detect(facts: Facts): FindingDraft | undefined {
    const view = readUnscheduledPod(facts);
    if (!view) return undefined;
    const blocked = nodesBlockedBy(view, 'taint');
    const reasons = reasonsFor(view, 'taint');
    if (blocked.length === 0 && reasons.length === 0) return undefined;

    const focus = nearestNode(blocked, 'taint');
    let key = focus ? focusKey(focus) : keyFromReasons(reasons);
    // With the old wording the message names no taint; the nodes, when read, still do.
    const holder = focus ?? view.fits?.find((fit) => (key ? holds(fit, key) : fit.cordoned || fit.taints.length > 0));
    if (!key && holder) key = focusKey(holder);
    const taint = holder && key ? taintOn(holder, key) : reasonTaint(reasons, key);
    const total = view.fits?.length ?? view.verdict?.message.nodes;
    const affected = blocked.length > 0 ? blocked.length : reasons.reduce((sum, r) => sum + (r.count ?? 0), 0);

    return {
      id: 'untolerated-taint',
      title: titleFor(view, focus, taint, affected, total),
      detail: detailFor(view, blocked, focus, taint),
      evidence: evidenceFor(view, blocked.length > 0 ? blocked : holder ? [holder] : [], focus),
      ruledOut: ruledOutOn(view, focus, facts.pod?.claims ?? [], 'taint'),
      vars: varsFor(holder, taint, affected, total),
      priority: priorityFor(view, 'taint', PRIORITY),
    };
  },
};

/** Before 1.17 node conditions blocked scheduling directly; since then they are these taints. */
const CONDITION_TAINTS: readonly [RegExp, string][] = [
  [/not ready|NodeNotReady|CheckNodeCondition/, 'node.kubernetes.io/not-ready'],
  [/memory pressure|MemoryPressure/, 'node.kubernetes.io/memory-pressure'],
  [/disk pressure|out of disk|DiskPressure|OutOfDisk/, 'node.kubernetes.io/disk-pressure'],
  [/pid pressure|PIDPressure/, 'node.kubernetes.io/pid-pressure'],
  [/network unavailable/, 'node.kubernetes.io/network-unavailable'],
];

function holds(fit: NodeFit, key: string): boolean {
  return key === CORDON_TAINT_KEY ? fit.cordoned : fit.taints.some((t) => t.key === key);
}

function focusKey(fit: NodeFit): string | undefined {
  return fit.cordoned ? CORDON_TAINT_KEY : fit.taints[0]?.key;
}

/** The taint the scheduler reported on the most nodes; a cordon is reported as its taint. */
function keyFromReasons(reasons: readonly SchedulerReason[]): string | undefined {
  const sorted = [...reasons].sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
  for (const reason of sorted) {
    if (reason.taint) return reason.taint.key;
    if (reason.kind === 'cordoned') return CORDON_TAINT_KEY;
    const condition = CONDITION_TAINTS.find(([pattern]) => pattern.test(reason.text));
    if (reason.kind === 'node-condition' && condition) return condition[1];
  }
  return undefined;
}

function taintOn(fit: NodeFit, key: string): Taint | undefined {
  if (key === CORDON_TAINT_KEY && fit.cordoned) return { key, effect: 'NoSchedule' };
  return fit.taints.find((t) => t.key === key);
}

function reasonTaint(reasons: readonly SchedulerReason[], key: string | undefined): Taint | undefined {
  if (!key) return undefined;
  const reason = reasons.find((r) => r.taint?.key === key);
  // The scheduler's message names key and value but not the effect; only NoSchedule and NoExecute block.
  return { key, value: reason?.taint?.value || undefined, effect: 'NoSchedule' };
}

function taintText(taint: Taint | undefined, withEffect: boolean): string {
  if (!taint) return 'taints';
  if (taint.key === CORDON_TAINT_KEY) return 'cordon';
  return withEffect ? `taint ${describeTaint(taint)}` : `taint ${taint.key}${taint.value ? `=${taint.value}` : ''}`;
}

function titleFor(view: UnscheduledPod, focus: NodeFit | undefined, taint: Taint | undefined, affected: number, total: number | undefined): string {
  const share = total ? ` (${affected}/${total} nodes)` : '';
  if (focus && blockersOf(focus).length === 1) {
    const which = total === 1 ? `The only node, ${focus.name},` : `Node ${focus.name}`;
    if (taint?.key === CORDON_TAINT_KEY) return `${which} would fit the pod but is cordoned${share}`;
    const state = taint ? taintMeaning(taint.key)?.state : undefined;
    if (state && taint) return `${which} would fit the pod but is ${state} (taint ${describeTaint(taint)})${share}`;
    return `${which} would fit the pod but has ${taintText(taint, true)}, which the pod does not tolerate${share}`;
  }
  if (focus) return `${affected} of ${total} nodes have ${taintText(taint, true)} or other taints the pod does not tolerate, and none fits otherwise`;
  const scope = `${affected || 'some'}${total ? ` of ${total}` : ''} nodes`;
  const state = taint ? taintMeaning(taint.key)?.state : undefined;
  if (state) return `The scheduler found ${scope} ${state}${taint?.key === CORDON_TAINT_KEY ? '' : ` (taint ${taint?.key})`}`;
  const hint = taint ? ` ${taintText(taint, false)}` : ' taints';
  return `The scheduler found${hint} the pod does not tolerate on ${scope}`;
}

function detailFor(view: UnscheduledPod, blocked: readonly NodeFit[], focus: NodeFit | undefined, taint: Taint | undefined): string {
  const sentences: string[] = [];
  if (taint) {
    const known = taintMeaning(taint.key);
    const where = focus?.name ?? 'The node';
    if (known) sentences.push(`${where} is ${known.meaning} (${taintText(taint, true)}).`);
    else sentences.push(`${where} carries ${taintText(taint, true)}; the pod has no toleration that matches it.`);
  }
  const groups = groupTaints(blocked);
  if (groups.length > 1) sentences.push(`Across the nodes: ${groups.map(([text, names]) => `${text} on ${names.join(', ')}`).join('; ')}.`);
  const tolerated = (view.pod.spec.tolerations ?? []).map(describeToleration);
  sentences.push(tolerated.length > 0 ? `The pod tolerates only ${tolerated.join(', ')}.` : 'The pod has no tolerations.');
  if (focus) {
    const others = blockersOf(focus).filter((b) => b !== 'taint');
    if (others.length === 0) sentences.push(`Apart from that, ${focus.name} has room for the pod and matches its node constraints.`);
    else sentences.push(`Even without it, ${focus.name} is also held back by its ${others.join(' and ')}.`);
  }
  const rest = otherReasons(view, 'taint');
  if (rest.length > 0) sentences.push(`The scheduler also reported: ${rest.join(', ')}.`);
  const preemption = preemptionNote(view);
  if (preemption) sentences.push(preemption);
  return sentences.join(' ');
}

function groupTaints(fits: readonly NodeFit[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const fit of fits) {
    const texts = [...(fit.cordoned ? ['cordon'] : []), ...fit.taints.map(describeTaint)];
    for (const text of texts) groups.set(text, [...(groups.get(text) ?? []), fit.name]);
  }
  return [...groups];
}

function evidenceFor(view: UnscheduledPod, nodes: readonly NodeFit[], focus: NodeFit | undefined): Evidence[] {
  const evidence: Evidence[] = [];
  const shown = focus ? [focus, ...nodes.filter((n) => n !== focus)] : [...nodes];
  for (const fit of shown.slice(0, 5)) {
    if (fit.cordoned) evidence.push({ kind: 'node', source: `node/${fit.name} spec.unschedulable`, text: 'true (cordoned)' });
    if (fit.taints.length > 0) evidence.push({ kind: 'node', source: `node/${fit.name} spec.taints`, text: fit.taints.map(describeTaint).join(', ') });
    // A condition taint stands for a node condition: the kubelet's (or node controller's) own words say why.
    for (const condition of conditionsBehind(fit)) {
      evidence.push({ kind: 'node', source: `node/${fit.name} status.conditions[${condition.type}]`, text: `${condition.status}${condition.reason ? ` (${condition.reason})` : ''}${condition.message ? `: ${condition.message}` : ''}` });
    }
  }
  const tolerations = view.pod.spec.tolerations ?? [];
  evidence.push({
    kind: 'spec',
    source: 'spec.tolerations',
    text: tolerations.length > 0 ? tolerations.map(describeToleration).join(', ') : 'none',
  });
  if (view.verdict) evidence.push(view.verdict.evidence);
  return evidence;
}

/** The node conditions a node's condition taints stand for, when they are not in their healthy state. */
function conditionsBehind(fit: NodeFit): NodeCondition[] {
  const types = new Set(fit.taints.map((t) => taintMeaning(t.key)?.condition).filter((type): type is string => type !== undefined));
  return (fit.node.status?.conditions ?? []).filter((c) => types.has(c.type) && c.status !== (c.type === 'Ready' ? 'True' : 'False'));
}

function varsFor(holder: NodeFit | undefined, taint: Taint | undefined, affected: number, total: number | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  if (holder) vars.node = holder.name;
  if (taint) {
    vars.taintKey = taint.key;
    vars.taintEffect = taint.effect;
    vars.taint = describeTaint(taint);
    if (taint.value) vars.taintValue = taint.value;
    const known = taintMeaning(taint.key);
    if (taint.key === CORDON_TAINT_KEY) vars.cordoned = 'true';
    else if (known?.addToleration !== false) vars.toleration = tolerationFor(taint);
    // Kubernetes put the taint there and lifts it once the node is healthy: the node is the fix.
    if (known?.managedBy) vars.taintManager = known.managedBy;
  }
  if (affected) vars.nodesAffected = String(affected);
  if (total !== undefined) vars.nodesTotal = String(total);
  return vars;
}
