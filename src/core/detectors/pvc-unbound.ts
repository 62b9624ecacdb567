import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const pvcUnbound: Detector = {
  id: 'pvc-unbound',
  priority: 25,
  detect: () => undefined,
};
