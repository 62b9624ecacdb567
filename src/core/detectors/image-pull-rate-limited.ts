import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const imagePullRateLimited: Detector = {
  id: 'image-pull-rate-limited',
  priority: 43,
  detect: () => undefined,
};
