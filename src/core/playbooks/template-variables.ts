import type { FindingId } from '../findings/finding-ids.ts';

/**
 * The variables a playbook template may use. The subject's come from what the person asked
 * about and are offered for every finding; the rest come from the detector's `vars` and exist
 * only for its finding id. A template naming anything else is almost surely a typo, so the
 * loader warns. Keep in step with the detectors and with the table in docs/playbooks.md (a test
 * checks both).
 */
export const SUBJECT_VARIABLES = [
  'namespace',
  'target',
  'pod',
  'node',
  'container',
  'workload',
  'workloadKind',
  'rolloutTarget',
  'rolloutFrom',
] as const;

/** Always known, so a command may use it without a `when` guard. */
export const ALWAYS_KNOWN_VARIABLES: ReadonlySet<string> = new Set(['namespace']);

// Shared by the four image detectors (src/core/images/image-pull-failures.ts imageVars).
const IMAGE = ['image', 'reference', 'registry', 'registryService', 'repository', 'tag', 'digest', 'version', 'serviceAccount', 'secret', 'pullSecrets', 'runtime'];
// Shared by the probe detectors (src/core/containers/probes.ts probeVars).
const PROBE = ['probe', 'probeType', 'probeAction', 'probePort', 'probePath', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'failureThreshold'];

export const DETECTOR_VARIABLES: Readonly<Record<FindingId, readonly string[]>> = {
  'insufficient-resources': ['resource', 'requested', 'shortfall', 'free', 'allocatable'],
  'node-selector-mismatch': ['selector', 'selectorKey', 'selectorValue', 'nodeLabels', 'labelSetBy', 'claim', 'volume'],
  'untolerated-taint': ['taint', 'taintKey', 'taintValue', 'taintEffect', 'toleration', 'cordoned', 'taintManager', 'nodesAffected', 'nodesTotal'],
  'pvc-unbound': ['claim', 'volume', 'storageClass', 'provisioner'],
  'quota-exceeded': ['quota', 'limitRange', 'resource', 'resources', 'requested', 'used', 'hard', 'limit', 'controller'],
  'image-not-found': [...IMAGE, 'cause', 'previousImage'],
  'image-pull-unauthorized': [...IMAGE, 'missingSecret'],
  'image-pull-rate-limited': [...IMAGE, 'authenticated'],
  'invalid-image-name': [...IMAGE, 'problem', 'previousImage'],
  'missing-config': ['kind', 'configMap', 'secret', 'key', 'envVar', 'existingKeys', 'closestKey'],
  'container-cannot-run': ['cause', 'binary', 'command', 'image', 'exitCode', 'reason', 'restarts', 'nodeArch', 'runtime'],
  'mount-failed': ['volume', 'cause', 'configMap', 'secret', 'driver', 'holders', 'claim', 'persistentVolume'],
  'oom-killed': ['limit', 'request', 'exitCode', 'reason', 'restarts', 'oomScope', 'nodeAllocatable', 'killedEarlier'],
  'crash-loop': ['exitCode', 'exitMeaning', 'signal', 'reason', 'restarts', 'backoff', 'error', 'location', 'image'],
  'liveness-probe-failure': [...PROBE, 'probeOutcome', 'probeOutput', 'exitCode', 'restarts'],
  'init-container-failure': ['initContainer', 'exitCode', 'restarts', 'command', 'error', 'image', 'cause'],
  'readiness-probe-failure': [...PROBE, 'probeOutcome', 'probeOutput', 'restarts'],
  evicted: ['resource', 'threshold', 'available', 'usage', 'request', 'limit', 'evictedAt', 'replacement'],
  'node-not-ready': ['reason', 'since', 'taint', 'kubeletVersion'],
  'stuck-terminating': ['requestedAgo', 'overdue', 'gracePeriod', 'finalizers', 'finalizer', 'nodeState'],
  healthy: [],
  'not-found': ['asked', 'suggestion', 'otherNamespace'],
};

export function knownVariables(id: FindingId): ReadonlySet<string> {
  return new Set<string>([...SUBJECT_VARIABLES, ...DETECTOR_VARIABLES[id]]);
}
