import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const readinessProbeFailure: Detector = {
  id: 'readiness-probe-failure',
  priority: 80,
  detect: () => undefined,
};
