import type { FindingId } from '../findings/finding-ids.ts';

/**
 * The variables a playbook template may use. The subject's come from what the person asked
 * about and are offered for every finding; the rest come from the detector's `vars` and exist
 * only for its finding id. A template naming anything else is almost surely a typo, so the
 * loader warns (docs/playbooks.md lists the same table for people editing playbooks).
 */
export const SUBJECT_VARIABLES = [
  'namespace',
  'pod',
  'node',
  'workload',
  'workloadKind',
  'rolloutTarget',
  'container',
] as const;

/** Always known, so a command may use it without a `when` guard. */
export const ALWAYS_KNOWN_VARIABLES: ReadonlySet<string> = new Set(['namespace']);

export const DETECTOR_VARIABLES: Readonly<Record<FindingId, readonly string[]>> = {
  'insufficient-resources': ['resource', 'requested', 'shortfall'],
  'node-selector-mismatch': ['selector', 'labelKey', 'labelValue'],
  'untolerated-taint': ['taintKey', 'taintValue', 'taintEffect'],
  'pvc-unbound': ['claim', 'storageClass', 'provisioner', 'volume'],
  'quota-exceeded': ['quota', 'limitRange', 'resource', 'requested', 'used', 'hard'],
  'image-not-found': ['image', 'registry', 'repository', 'tag', 'secret'],
  'image-pull-unauthorized': ['image', 'registry', 'repository', 'tag', 'secret', 'serviceAccount'],
  'image-pull-rate-limited': ['image', 'registry', 'secret'],
  'invalid-image-name': ['image'],
  'missing-config': ['configMap', 'secret', 'key'],
  'container-cannot-run': ['command', 'image', 'exitCode'],
  'mount-failed': ['volume', 'configMap', 'secret', 'claim', 'driver'],
  'oom-killed': ['limit', 'request', 'exitCode', 'restarts'],
  'crash-loop': ['exitCode', 'signal', 'reason', 'restarts'],
  'liveness-probe-failure': ['probe', 'probeKind', 'path', 'port', 'exitCode', 'restarts'],
  'init-container-failure': ['command', 'image', 'exitCode', 'restarts'],
  'readiness-probe-failure': ['probe', 'path', 'port'],
  evicted: ['resource', 'usage', 'request', 'limit', 'threshold'],
  'node-not-ready': ['condition', 'since'],
  'stuck-terminating': ['finalizers', 'since', 'gracePeriod'],
  healthy: ['restarts'],
  'not-found': ['target', 'suggestion'],
};

export function knownVariables(id: FindingId): ReadonlySet<string> {
  return new Set<string>([...SUBJECT_VARIABLES, ...DETECTOR_VARIABLES[id]]);
}
