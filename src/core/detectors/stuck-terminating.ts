import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const stuckTerminating: Detector = {
  id: 'stuck-terminating',
  priority: 5,
  detect: () => undefined,
};
