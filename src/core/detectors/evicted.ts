import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const evicted: Detector = {
  id: 'evicted',
  priority: 15,
  detect: () => undefined,
};
