import type { KubeNode, NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../kube/types.ts';

/** One requirement a node fails, with what the node carries instead, so the answer can show both. */
export interface SelectorMiss {
  /** Where the requirement is written: "spec.nodeSelector", "spec.affinity.nodeAffinity", "PersistentVolume pv-1". */
  source: string;
  /** The requirement as kubectl would print it: "disktype=ssd", "topology.kubernetes.io/zone in (eu-west-1c)". */
  requirement: string;
  key: string;
  /** The node's value under that key (its name for matchFields); undefined when it has no such label. */
  nodeValue?: string;
  /** For a volume's node affinity: the PersistentVolume and the claim bound to it. */
  volume?: { name: string; claim: string };
}

export const NODE_SELECTOR_SOURCE = 'spec.nodeSelector';

/**
 * Node labels that describe the machine, and who sets them: the kubelet from the host, the
 * cloud provider from the instance. Labelling nodes by hand to satisfy a selector on one of
 * these would lie to the scheduler (an amd64 node labelled arm64 still runs amd64).
 */
const MACHINE_LABELS: Readonly<Record<string, string>> = {
  'kubernetes.io/hostname': 'the kubelet',
  'kubernetes.io/os': 'the kubelet',
  'kubernetes.io/arch': 'the kubelet',
  'beta.kubernetes.io/os': 'the kubelet',
  'beta.kubernetes.io/arch': 'the kubelet',
  'node.kubernetes.io/instance-type': 'the cloud provider',
  'beta.kubernetes.io/instance-type': 'the cloud provider',
  'topology.kubernetes.io/zone': 'the cloud provider',
  'topology.kubernetes.io/region': 'the cloud provider',
  'failure-domain.beta.kubernetes.io/zone': 'the cloud provider',
  'failure-domain.beta.kubernetes.io/region': 'the cloud provider',
};

/** Who sets a node label that describes the machine, or undefined for labels people choose. */
export function machineLabelSetter(key: string): string | undefined {
  return MACHINE_LABELS[key];
}
export const NODE_AFFINITY_SOURCE = 'spec.affinity.nodeAffinity';

/**
 * Why a node fails the pod's nodeSelector and required node affinity (the NodeAffinity filter):
 * every nodeSelector pair must match, and at least one required term must. Empty when it fits.
 */
export function podSelectorMisses(pod: Pod, node: KubeNode): SelectorMiss[] {
  const labels = node.metadata.labels ?? {};
  const misses: SelectorMiss[] = [];
  for (const [key, value] of Object.entries(pod.spec.nodeSelector ?? {})) {
    if (labels[key] !== value) misses.push({ source: NODE_SELECTOR_SOURCE, requirement: `${key}=${value}`, key, nodeValue: labels[key] });
  }
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms) misses.push(...termMisses(terms, node, NODE_AFFINITY_SOURCE));
  return misses;
}

/**
 * Node selector terms are ORed and their requirements ANDed. When no term matches, each term
 * reports the first requirement it fails: that is what a person must change for that term.
 */
export function termMisses(terms: readonly NodeSelectorTerm[], node: KubeNode, source: string): SelectorMiss[] {
  const misses: SelectorMiss[] = [];
  for (const term of terms) {
    const requirements = [
      ...(term.matchExpressions ?? []).map((req) => ({ req, field: false })),
      ...(term.matchFields ?? []).map((req) => ({ req, field: true })),
    ];
    // An empty term selects nothing (NodeSelectorTerm semantics), so it cannot be the one that fits.
    if (requirements.length === 0) {
      misses.push({ source, requirement: '(empty term)', key: '' });
      continue;
    }
    const failed = requirements.find(({ req, field }) => !requirementMatches(req, field ? fieldsOf(node) : (node.metadata.labels ?? {})));
    if (!failed) return [];
    const value = failed.field ? fieldsOf(node)[failed.req.key] : node.metadata.labels?.[failed.req.key];
    misses.push({ source, requirement: describeRequirement(failed.req), key: failed.req.key, nodeValue: value });
  }
  return misses;
}

function fieldsOf(node: KubeNode): Record<string, string> {
  // metadata.name is the only field node selector terms may match on.
  return { 'metadata.name': node.metadata.name ?? '' };
}

function requirementMatches(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const present = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return present && values.includes(value ?? '');
    case 'NotIn':
      return !present || !values.includes(value ?? '');
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    case 'Gt':
    case 'Lt': {
      // Both sides must parse as integers; anything else fails, as in the API server.
      const have = Number.parseInt(value ?? '', 10);
      const want = Number.parseInt(values[0] ?? '', 10);
      if (!present || Number.isNaN(have) || Number.isNaN(want)) return false;
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

export function describeRequirement(req: NodeSelectorRequirement): string {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return values.length === 1 ? `${req.key}=${values[0]}` : `${req.key} in (${values.join(',')})`;
    case 'NotIn':
      return `${req.key} notin (${values.join(',')})`;
    case 'Exists':
      return req.key;
    case 'DoesNotExist':
      return `!${req.key}`;
    case 'Gt':
      return `${req.key} > ${values[0] ?? ''}`;
    case 'Lt':
      return `${req.key} < ${values[0] ?? ''}`;
    default:
      return `${req.key} ${req.operator} (${values.join(',')})`;
  }
}
