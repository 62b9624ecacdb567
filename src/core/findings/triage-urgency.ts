import type { FindingId } from './finding-ids.ts';

/**
 * Across pods, what to look at first is not the same order as root cause within one pod:
 * a service failing now beats a rollout that cannot start (the old pods still serve), which
 * beats pods that never got a place, which beats history and clean-up.
 */
const TIERS: readonly (readonly FindingId[])[] = [
  ['node-not-ready', 'oom-killed', 'crash-loop', 'liveness-probe-failure', 'readiness-probe-failure', 'container-cannot-run'],
  ['image-not-found', 'image-pull-unauthorized', 'image-pull-rate-limited', 'invalid-image-name', 'missing-config', 'init-container-failure', 'mount-failed'],
  ['insufficient-resources', 'node-selector-mismatch', 'untolerated-taint', 'pvc-unbound', 'quota-exceeded'],
  ['evicted', 'stuck-terminating', 'not-found'],
  ['healthy'],
];

/** Lower is more urgent; within a tier, the finding's own priority orders. */
export function triageUrgency(id: FindingId, priority: number): number {
  const tier = TIERS.findIndex((ids) => ids.includes(id));
  return (tier === -1 ? TIERS.length : tier) * 1000 + priority;
}
