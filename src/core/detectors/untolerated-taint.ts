import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const untoleratedTaint: Detector = {
  id: 'untolerated-taint',
  priority: 30,
  detect: () => undefined,
};
