import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const healthy: Detector = {
  id: 'healthy',
  priority: 100,
  detect: () => undefined,
};
