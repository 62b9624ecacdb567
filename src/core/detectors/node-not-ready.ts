import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const nodeNotReady: Detector = {
  id: 'node-not-ready',
  priority: 10,
  detect: () => undefined,
};
