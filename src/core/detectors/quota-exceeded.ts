import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const quotaExceeded: Detector = {
  id: 'quota-exceeded',
  priority: 20,
  detect: () => undefined,
};
