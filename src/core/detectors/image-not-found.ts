import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const imageNotFound: Detector = {
  id: 'image-not-found',
  priority: 42,
  detect: () => undefined,
};
