import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const notFound: Detector = {
  id: 'not-found',
  priority: 0,
  detect: () => undefined,
};
