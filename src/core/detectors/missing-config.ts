import { citeEvent } from '../events/cite-event.ts';
import { containerOfEvent, eventsWithReason } from '../events/timeline.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { containerViews, type ContainerView } from '../kube/pod-status.ts';
import type { KeyedObject } from '../kube/types.ts';
import type { Detector } from './detector.ts';

/**
 * CreateContainerConfigError because the container's environment names a ConfigMap, Secret or
 * key that does not exist. The kubelet builds env before creating the container and stops at
 * the first missing piece (pkg/kubelet/kubelet_pods.go makeEnvironmentVariables): `configmap
 * "x" not found` / `secret "x" not found` (older kubelets: `configmaps "x" not found`), and
 * `couldn't find key K in ConfigMap ns/name` / `couldn't find key K in Secret ns/name`.
 * References marked optional are skipped silently, so they are never the cause. ConfigMaps are
 * cross-checked against the object (which keys it does have); Secrets are never read, so for
 * them the message is the evidence. Other CreateContainerConfigErrors (runAsNonRoot, subPath)
 * are not missing config and are left alone.
 */
type ConfigKind = 'ConfigMap' | 'Secret';

interface MissingPiece {
  kind: ConfigKind;
  name: string;
  /** Set when the object exists but lacks this key. */
  key?: string;
}

const MESSAGES: readonly { pattern: RegExp; read: (m: RegExpExecArray) => MissingPiece }[] = [
  { pattern: /couldn't find key (\S+) in ConfigMap [^/\s]+\/([^\s,]+)/, read: (m) => ({ kind: 'ConfigMap', key: m[1]!, name: m[2]! }) },
  { pattern: /couldn't find key (\S+) in Secret [^/\s]+\/([^\s,]+)/, read: (m) => ({ kind: 'Secret', key: m[1]!, name: m[2]! }) },
  { pattern: /configmaps? "([^"]+)" not found/, read: (m) => ({ kind: 'ConfigMap', name: m[1]! }) },
  { pattern: /secrets? "([^"]+)" not found/, read: (m) => ({ kind: 'Secret', name: m[1]! }) },
];

interface Reference {
  container: string;
  /** Where in the spec: spec.containers[api].env[DB_HOST] or .envFrom[0]. */
  path: string;
  envVar?: string;
  kind: ConfigKind;
  name: string;
  key?: string;
  optional: boolean;
}

export const missingConfig: Detector = {
  id: 'missing-config',
  priority: 45,
  detect(facts: Facts): FindingDraft | undefined {
    const podFacts = facts.pod;
    if (!podFacts || podFacts.pod.metadata.deletionTimestamp) return undefined;
    for (const view of containerViews(podFacts.pod)) {
      const waiting = view.status?.state?.waiting;
      if (waiting?.reason !== 'CreateContainerConfigError') continue;
      const found = readMissingPiece(facts, view, waiting.message ?? '');
      if (found) return explainMissing(facts, view, found.piece, found.evidence);
    }
    return undefined;
  },
};

function readMissingPiece(facts: Facts, view: ContainerView, statusMessage: string): { piece: MissingPiece; evidence: Evidence } | undefined {
  const statusPath = `status.${view.init ? 'initContainerStatuses' : 'containerStatuses'}[${view.name}].state.waiting`;
  const candidates: { message: string; evidence: Evidence }[] = [
    { message: statusMessage, evidence: { kind: 'status', source: statusPath, text: `CreateContainerConfigError: ${statusMessage}` } },
    ...eventsWithReason(facts.pod!.events, 'Failed')
      .filter((event) => containerOfEvent(event) === view.name || (!event.fieldPath && containerViews(facts.pod!.pod).length === 1))
      .map((event) => ({ message: event.message, evidence: citeEvent(event, facts.now) })),
  ];
  for (const candidate of candidates) {
    for (const { pattern, read } of MESSAGES) {
      const match = pattern.exec(candidate.message);
      if (match) return { piece: read(match), evidence: candidate.evidence };
    }
  }
  return undefined;
}

function explainMissing(facts: Facts, view: ContainerView, piece: MissingPiece, cited: Evidence): FindingDraft {
  const pod = facts.pod!.pod;
  const namespace = pod.metadata.namespace ?? facts.namespace;
  const references = referencesOf(facts, view).filter((ref) => ref.kind === piece.kind && ref.name === piece.name && (!piece.key || ref.key === piece.key));
  const binding = references.find((ref) => !ref.optional) ?? references[0];
  const evidence: Evidence[] = [cited];
  if (cited.kind !== 'status') evidence.unshift({ kind: 'status', source: `status.${view.init ? 'initContainerStatuses' : 'containerStatuses'}[${view.name}].state.waiting`, text: `CreateContainerConfigError: ${view.status?.state?.waiting?.message ?? ''}` });
  if (binding) evidence.push({ kind: 'spec', source: binding.path, text: describeReference(binding) });

  const vars: Record<string, string> = { container: view.name, namespace, kind: piece.kind, [piece.kind === 'ConfigMap' ? 'configMap' : 'secret']: piece.name };
  if (piece.key) vars.key = piece.key;
  if (binding?.envVar) vars.envVar = binding.envVar;
  const ruledOut: string[] = [];
  const notes: string[] = [];
  const target = piece.key ? `key ${piece.key} in ${piece.kind} ${namespace}/${piece.name}` : `${piece.kind} ${namespace}/${piece.name}`;
  let title = `${view.name} cannot start: ${piece.key ? `${piece.kind} ${piece.name} has no key ${piece.key}` : `${piece.kind} ${piece.name} does not exist in ${namespace}`}`;

  if (piece.kind === 'ConfigMap') {
    const object = facts.pod!.configMaps[piece.name];
    if (object === undefined) {
      notes.push(`The ConfigMap could not be read, so what it holds now is unknown.`);
    } else if (object === null) {
      evidence.push({ kind: 'object', source: `ConfigMap ${namespace}/${piece.name}`, text: 'does not exist' });
    } else {
      const keys = keysOf(object);
      evidence.push({ kind: 'object', source: `ConfigMap ${namespace}/${piece.name}`, text: keys.length ? `keys: ${keys.join(', ')}` : 'exists, with no keys' });
      if (!piece.key) {
        notes.push(`The ConfigMap exists now: it was created after the kubelet's last attempt, which it retries on its own.`);
      } else if (keys.includes(piece.key)) {
        notes.push(`The ConfigMap has ${piece.key} now: it was added after the kubelet's last attempt, which it retries on its own.`);
      } else {
        if (keys.length) title += ` (has ${listShort(keys)})`;
        vars.existingKeys = keys.join(', ');
        if (Object.keys(object.binaryData ?? {}).includes(piece.key)) notes.push(`${piece.key} exists only under binaryData, which env references cannot read.`);
        const lookalike = keys.find((key) => looksLike(key, piece.key!));
        if (lookalike) {
          vars.closestKey = lookalike;
          notes.push(`The ConfigMap has ${lookalike}, which differs from ${piece.key} only by case, separators or one character.`);
        }
      }
    }
    const alsoMissing = otherMissingConfigMapRefs(facts, view, piece);
    if (alsoMissing.length) notes.push(`Also missing, and next to fail once this is fixed: ${alsoMissing.join('; ')}.`);
  } else {
    ruledOut.push('Secret contents: not read (no RBAC for Secrets); the kubelet message is the evidence');
  }

  const optionals = referencesOf(facts, view).filter((ref) => ref.optional);
  if (optionals.length) ruledOut.push(`optional references (${optionals.map(describeReference).join('; ')}): a missing one is skipped, never an error`);
  if (binding && !binding.optional) notes.push(`If ${view.name} can run without it, "optional: true" on the reference lets it start.`);

  return {
    id: 'missing-config',
    title,
    detail: [
      `The kubelet cannot build ${view.name}'s environment: ${target} does not exist, so the container is never created (CreateContainerConfigError) and the kubelet retries until it appears.`,
      binding ? `It is needed by ${describeReference(binding)}.` : '',
      ...notes,
    ]
      .filter(Boolean)
      .join(' '),
    evidence,
    ruledOut,
    vars,
    container: view.name,
  };
}

function referencesOf(facts: Facts, view: ContainerView): Reference[] {
  const spec = view.spec;
  if (!spec) return [];
  const base = `spec.${view.init ? 'initContainers' : 'containers'}[${view.name}]`;
  const refs: Reference[] = [];
  for (const env of spec.env ?? []) {
    const cm = env.valueFrom?.configMapKeyRef;
    const secret = env.valueFrom?.secretKeyRef;
    const source = cm ? { kind: 'ConfigMap' as const, ref: cm } : secret ? { kind: 'Secret' as const, ref: secret } : undefined;
    if (source?.ref.name) {
      refs.push({ container: view.name, path: `${base}.env[${env.name}]`, envVar: env.name, kind: source.kind, name: source.ref.name, key: source.ref.key, optional: source.ref.optional === true });
    }
  }
  (spec.envFrom ?? []).forEach((from, index) => {
    const cm = from.configMapRef;
    const secret = from.secretRef;
    const name = cm?.name ?? secret?.name;
    if (name) refs.push({ container: view.name, path: `${base}.envFrom[${index}]`, kind: cm ? 'ConfigMap' : 'Secret', name, optional: (cm ?? secret)?.optional === true });
  });
  return refs;
}

function describeReference(ref: Reference): string {
  if (ref.envVar) return `env ${ref.envVar} of ${ref.container} (${ref.kind} ${ref.name}, key ${ref.key}${ref.optional ? ', optional' : ''})`;
  return `envFrom of ${ref.container} (${ref.kind} ${ref.name}${ref.optional ? ', optional' : ''})`;
}

/** Other non-optional ConfigMap references of the container that would fail next. */
function otherMissingConfigMapRefs(facts: Facts, view: ContainerView, piece: MissingPiece): string[] {
  const missing: string[] = [];
  for (const ref of referencesOf(facts, view)) {
    if (ref.kind !== 'ConfigMap' || ref.optional) continue;
    if (ref.name === piece.name && ref.key === piece.key) continue;
    const object = facts.pod!.configMaps[ref.name];
    if (object === null && ref.name !== piece.name) missing.push(`ConfigMap ${ref.name} (${describeReference(ref)})`);
    else if (object && ref.key && !keysOf(object).includes(ref.key)) missing.push(`key ${ref.key} in ${ref.name} (env ${ref.envVar})`);
  }
  return [...new Set(missing)];
}

function keysOf(object: KeyedObject): string[] {
  // Env references read only data: binaryData keys cannot satisfy them.
  return Object.keys(object.data ?? {});
}

function listShort(keys: string[]): string {
  return keys.length <= 4 ? keys.join(', ') : `${keys.slice(0, 4).join(', ')} and ${keys.length - 4} more`;
}

/** A key that is the wanted one mistyped: same letters ignoring case and separators, or one edit away. */
function looksLike(candidate: string, wanted: string): boolean {
  const plain = (s: string) => s.toLowerCase().replace(/[._-]/g, '');
  if (plain(candidate) === plain(wanted)) return true;
  if (Math.abs(candidate.length - wanted.length) > 1 || wanted.length < 4) return false;
  let i = 0;
  while (i < candidate.length && candidate[i] === wanted[i]) i++;
  const a = candidate.slice(i + 1);
  const b = wanted.slice(i + 1);
  return a === b || candidate.slice(i) === b || a === wanted.slice(i);
}
