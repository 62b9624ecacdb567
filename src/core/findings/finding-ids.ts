// The finding ids of ../shared/scenarios/FORMAT.md: a contract with every consumer of the JSON
// output, the playbooks and the scenario files. Keep them exactly as written there.
export const FINDING_IDS = [
  'insufficient-resources',
  'node-selector-mismatch',
  'untolerated-taint',
  'pvc-unbound',
  'quota-exceeded',
  'image-not-found',
  'image-pull-unauthorized',
  'image-pull-rate-limited',
  'invalid-image-name',
  'missing-config',
  'container-cannot-run',
  'mount-failed',
  'oom-killed',
  'crash-loop',
  'liveness-probe-failure',
  'init-container-failure',
  'readiness-probe-failure',
  'evicted',
  'node-not-ready',
  'stuck-terminating',
  'healthy',
  'not-found',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

export function isFindingId(value: string): value is FindingId {
  return (FINDING_IDS as readonly string[]).includes(value);
}
