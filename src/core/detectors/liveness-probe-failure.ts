import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const livenessProbeFailure: Detector = {
  id: 'liveness-probe-failure',
  priority: 65,
  detect: () => undefined,
};
