import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const mountFailed: Detector = {
  id: 'mount-failed',
  priority: 48,
  detect: () => undefined,
};
