import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const imagePullUnauthorized: Detector = {
  id: 'image-pull-unauthorized',
  priority: 41,
  detect: () => undefined,
};
