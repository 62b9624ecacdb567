import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { NODE_AFFINITY_SOURCE, NODE_SELECTOR_SOURCE, describeRequirement, machineLabelSetter, type SelectorMiss } from '../scheduling/node-affinity.ts';
import { blockersOf, nearestNode, type NodeFit } from '../scheduling/node-fit.ts';
import type { SchedulerReason } from '../scheduling/scheduler-messages.ts';
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

// Pending because the pod's nodeSelector or required node affinity matches no node that can
// take it (the NodeAffinity filter), or because a volume it mounts is pinned by its own node
// affinity to a zone or node where the pod cannot go (VolumeBinding/VolumeZone: "volume node
// affinity conflict"). The answer names the label the pod wants and what the nodes carry.

const PRIORITY = 32;

export const nodeSelectorMismatch: Detector = {
  id: 'node-selector-mismatch',
  priority: PRIORITY,
  detect(facts: Facts): FindingDraft | undefined {
    const view = readUnscheduledPod(facts);
    if (!view) return undefined;
    const blocked = nodesBlockedBy(view, 'selector');
    const reasons = reasonsFor(view, 'selector');
    if (blocked.length === 0 && reasons.length === 0) return undefined;

    const nearest = nearestNode(blocked, 'selector');
    const volumeFirst = reasons.some((r) => r.kind === 'volume-affinity') && !reasons.some((r) => r.kind === 'selector');
    const miss = mainMiss(view, blocked, volumeFirst);
    const requirement = miss?.requirement ?? podRequirements(view)[0];
    return {
      id: 'node-selector-mismatch',
      title: titleFor(view, miss, requirement, reasons),
      detail: detailFor(view, miss, blocked, nearest),
      evidence: evidenceFor(view, miss, blocked),
      ruledOut: ruledOutOn(view, nearest, facts.pod?.claims ?? [], 'selector'),
      vars: varsFor(view, miss, requirement, nearest),
      priority: priorityFor(view, 'selector', PRIORITY),
    };
  },
};

/** The pod's own node constraints as written, for when the nodes could not be read. */
function podRequirements(view: UnscheduledPod): string[] {
  const selector = Object.entries(view.pod.spec.nodeSelector ?? {}).map(([key, value]) => `${key}=${value}`);
  const terms = view.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  const affinity = terms.map((term) => [...(term.matchExpressions ?? []), ...(term.matchFields ?? [])].map(describeRequirement).join(', '));
  return [...selector, ...affinity.filter(Boolean)];
}

/**
 * The requirement that fails on the most nodes: with several, it is the one a person must
 * look at first. Volume pins come first only when the scheduler blamed the volume.
 */
function mainMiss(view: UnscheduledPod, blocked: readonly NodeFit[], volumeFirst: boolean): SelectorMiss | undefined {
  const fits = blocked.length > 0 ? blocked : (view.fits ?? []);
  const all = fits.flatMap((fit) => (volumeFirst ? [...fit.volumeMisses, ...fit.selectorMisses] : [...fit.selectorMisses, ...fit.volumeMisses]));
  const counts = new Map<string, number>();
  for (const miss of all) counts.set(miss.requirement, (counts.get(miss.requirement) ?? 0) + 1);
  return [...all].sort((a, b) => (counts.get(b.requirement) ?? 0) - (counts.get(a.requirement) ?? 0))[0];
}

/** What the nodes carry under a key: "disktype=hdd on node-1, node-2; (no such label) on node-3". */
function nodeValues(fits: readonly NodeFit[], key: string, compact = false): string {
  const byValue = new Map<string, string[]>();
  for (const fit of fits) {
    const value = key === 'metadata.name' ? fit.name : fit.node.metadata.labels?.[key];
    const label = value === undefined ? '(no such label)' : `${key}=${value}`;
    byValue.set(label, [...(byValue.get(label) ?? []), fit.name]);
  }
  const many = compact && fits.length > 3;
  return [...byValue].map(([label, names]) => `${label} on ${many || names.length > 3 ? `${names.length} node${names.length === 1 ? '' : 's'}` : names.join(', ')}`).join('; ');
}

/**
 * Node label keys that differ from the wanted key only in case or punctuation ("disk-type" for
 * "disktype"): the typo a person will not see by reading the selector again.
 */
function similarKey(fits: readonly NodeFit[], key: string): string | undefined {
  const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
  const wanted = squash(key.split('/').pop() ?? key);
  // Nodes that carry the key itself have a value to compare; a look-alike key there is a
  // sibling (beta.kubernetes.io/arch next to kubernetes.io/arch), not the typo.
  for (const fit of fits.filter((f) => f.node.metadata.labels?.[key] === undefined)) {
    for (const label of Object.keys(fit.node.metadata.labels ?? {})) {
      if (label !== key && squash(label.split('/').pop() ?? label) === wanted) return label;
    }
  }
  return undefined;
}

function titleFor(view: UnscheduledPod, miss: SelectorMiss | undefined, requirement: string | undefined, reasons: readonly SchedulerReason[]): string {
  const fits = view.fits ?? [];
  const constraint = miss ? `${whereWritten(miss)} ${miss.requirement}` : (requirement ?? "the pod's node constraints");
  if (miss?.volume) {
    const carried = fits.length > 0 ? `; the nodes carry ${nodeValues(fits, miss.key, true)}` : '';
    return `${miss.source} can only be used on nodes with ${miss.requirement}${carried}`;
  }
  if (fits.length > 0) {
    const matching = fits.filter((fit) => fit.selectorMisses.length === 0 && fit.volumeMisses.length === 0);
    const similar = miss && fits.every((fit) => fit.node.metadata.labels?.[miss.key] === undefined) ? similarKey(fits, miss.key) : undefined;
    if (matching.length === 0 && miss && similar) return `No node has the label ${miss.key} that ${constraint} needs; the nodes carry ${similar} instead: ${nodeValues(fits, similar, true)}`;
    if (matching.length === 0) return `No node matches ${constraint}: ${miss ? nodeValues(fits, miss.key, true) : `${fits.length} nodes checked`}`;
    const names = matching.length > 3 ? `${matching.length} nodes` : `${matching.map((fit) => fit.name).join(', ')} (${matching.length} of ${fits.length} nodes)`;
    const verb = matching.length === 1 ? 'matches' : 'match';
    return `Only ${names}${matching.length > 3 ? ` of ${fits.length}` : ''} ${verb} ${constraint}, and ${matching.length === 1 ? 'it is' : 'they are'} ${blockedTogether(matching)}`;
  }
  const count = reasons[0]?.count;
  const scope = count !== undefined ? `${count}${view.verdict?.message.nodes ? ` of ${view.verdict.message.nodes}` : ''} nodes` : 'the nodes';
  return `The scheduler found ${scope} not matching ${constraint}`;
}

function whereWritten(miss: SelectorMiss): string {
  return miss.source === NODE_SELECTOR_SOURCE ? 'nodeSelector' : miss.source === NODE_AFFINITY_SOURCE ? 'required node affinity' : miss.source;
}

/** What holds the matching nodes back, said once per distinct reason: "short of memory", "cordoned (gpu-1); short of memory (gpu-2)". */
function blockedTogether(fits: readonly NodeFit[]): string {
  const groups = new Map<string, string[]>();
  for (const fit of fits) groups.set(blockedBecause(fit), [...(groups.get(blockedBecause(fit)) ?? []), fit.name]);
  if (groups.size === 1) return `${fits.length > 1 ? 'all ' : ''}${[...groups.keys()][0]}`;
  return [...groups].map(([reason, names]) => `${reason} (${names.length > 3 ? `${names.length} nodes` : names.join(', ')})`).join('; ');
}

function blockedBecause(fit: NodeFit): string {
  const parts: string[] = [];
  if (fit.cordoned) parts.push('cordoned');
  if (fit.taints.length > 0) parts.push(`tainted ${fit.taints.map((t) => t.key).join(', ')}`);
  for (const s of fit.shortfalls) parts.push(`short of ${s.resource}`);
  return parts.join(', ') || 'unavailable';
}

function detailFor(view: UnscheduledPod, miss: SelectorMiss | undefined, blocked: readonly NodeFit[], nearest: NodeFit | undefined): string {
  const sentences: string[] = [];
  const required = podRequirements(view);
  // The pod's own constraints matter only if they are part of what fails.
  const podConstraintsFail = !view.fits || view.fits.some((fit) => fit.selectorMisses.length > 0);
  if (required.length > 0 && podConstraintsFail) sentences.push(`The pod requires ${required.join(' or ')}.`);
  if (miss?.volume) sentences.push(`${miss.source} requires ${miss.requirement} in its spec.nodeAffinity.`);
  if (miss && view.fits) {
    sentences.push(`Nodes carry: ${nodeValues(view.fits, miss.key)}.`);
    const similar = similarKey(view.fits, miss.key);
    if (similar) sentences.push(`They do carry ${similar}, a label whose name differs only in spelling: ${nodeValues(view.fits, similar)}.`);
  }
  if (miss?.volume) {
    sentences.push(`The volume already exists where its node affinity says, so the pod can only run on a node that matches it.`);
  }
  if (nearest && blockersOf(nearest).length > 1) {
    sentences.push(`${nearest.name} is also held back by its ${blockersOf(nearest).filter((b) => b !== 'selector').join(' and ')}.`);
  }
  if (blocked.length === 0 && !view.fits) sentences.push('Nodes could not be read, so this rests on the scheduler\'s message.');
  const rest = otherReasons(view, 'selector');
  if (rest.length > 0) sentences.push(`The scheduler also reported: ${rest.join(', ')}.`);
  const preemption = preemptionNote(view);
  if (preemption) sentences.push(preemption);
  return sentences.join(' ');
}

function evidenceFor(view: UnscheduledPod, miss: SelectorMiss | undefined, blocked: readonly NodeFit[]): Evidence[] {
  const evidence: Evidence[] = [];
  const selector = view.pod.spec.nodeSelector;
  if (selector && Object.keys(selector).length > 0) {
    evidence.push({ kind: 'spec', source: 'spec.nodeSelector', text: Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ') });
  }
  const terms = view.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms) {
    evidence.push({
      kind: 'spec',
      source: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution',
      text: terms.map((term) => [...(term.matchExpressions ?? []), ...(term.matchFields ?? [])].map(describeRequirement).join(', ')).join(' OR '),
    });
  }
  if (miss) {
    for (const fit of blocked.slice(0, 5)) {
      const failed = [...fit.selectorMisses, ...fit.volumeMisses].filter((m) => m.key === miss.key);
      for (const m of failed.slice(0, 1)) {
        evidence.push({ kind: 'node', source: `node/${fit.name} metadata.labels`, text: m.nodeValue === undefined ? `no ${m.key} label (wants ${m.requirement})` : `${m.key}=${m.nodeValue} (wants ${m.requirement})` });
      }
    }
  }
  if (view.verdict) evidence.push(view.verdict.evidence);
  return evidence;
}

function varsFor(view: UnscheduledPod, miss: SelectorMiss | undefined, requirement: string | undefined, nearest: NodeFit | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  if (requirement) vars.selector = requirement;
  if (miss) {
    vars.selectorKey = miss.key;
    const setter = machineLabelSetter(miss.key);
    if (setter) vars.labelSetBy = setter;
    const wanted = view.pod.spec.nodeSelector?.[miss.key];
    if (wanted !== undefined) vars.selectorValue = wanted;
    if (view.fits) vars.nodeLabels = nodeValues(view.fits, miss.key);
    if (miss.volume) {
      vars.volume = miss.volume.name;
      vars.claim = miss.volume.claim;
    }
  }
  if (nearest) vars.node = nearest.name;
  return vars;
}
