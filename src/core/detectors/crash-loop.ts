import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const crashLoop: Detector = {
  id: 'crash-loop',
  priority: 70,
  detect: () => undefined,
};
