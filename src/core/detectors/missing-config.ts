import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const missingConfig: Detector = {
  id: 'missing-config',
  priority: 45,
  detect: () => undefined,
};
