import type { Detector } from './detector.ts';
import { notFound } from './not-found.ts';
import { stuckTerminating } from './stuck-terminating.ts';
import { nodeNotReady } from './node-not-ready.ts';
import { evicted } from './evicted.ts';
import { quotaExceeded } from './quota-exceeded.ts';
import { pvcUnbound } from './pvc-unbound.ts';
import { untoleratedTaint } from './untolerated-taint.ts';
import { nodeSelectorMismatch } from './node-selector-mismatch.ts';
import { insufficientResources } from './insufficient-resources.ts';
import { invalidImageName } from './invalid-image-name.ts';
import { imagePullUnauthorized } from './image-pull-unauthorized.ts';
import { imageNotFound } from './image-not-found.ts';
import { imagePullRateLimited } from './image-pull-rate-limited.ts';
import { missingConfig } from './missing-config.ts';
import { mountFailed } from './mount-failed.ts';
import { initContainerFailure } from './init-container-failure.ts';
import { containerCannotRun } from './container-cannot-run.ts';
import { oomKilled } from './oom-killed.ts';
import { livenessProbeFailure } from './liveness-probe-failure.ts';
import { crashLoop } from './crash-loop.ts';
import { readinessProbeFailure } from './readiness-probe-failure.ts';
import { healthy } from './healthy.ts';

/**
 * Every detector, in one list, in root-cause order: a stuck deletion or a dead node explains
 * everything below it; scheduling comes before pulling, pulling before starting, starting before
 * crashing; healthy comes last. A detector's priority is its band; findings sort by it, and a
 * detector may refine it within its band (the scheduling detectors do, to lead with the fix
 * that would let the pod schedule).
 *
 *   0 target     5-19 pod or node lifecycle   20-39 creation and scheduling
 *   40-49 image and config                   50-59 start-up
 *   60-79 running and crashing               80-99 serving   100 healthy
 */
export const DETECTORS: readonly Detector[] = [
  notFound,
  stuckTerminating,
  nodeNotReady,
  evicted,
  quotaExceeded,
  pvcUnbound,
  untoleratedTaint,
  nodeSelectorMismatch,
  insufficientResources,
  invalidImageName,
  imagePullUnauthorized,
  imageNotFound,
  imagePullRateLimited,
  missingConfig,
  mountFailed,
  initContainerFailure,
  containerCannotRun,
  oomKilled,
  livenessProbeFailure,
  crashLoop,
  readinessProbeFailure,
  healthy,
];
