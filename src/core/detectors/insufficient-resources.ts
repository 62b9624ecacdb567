import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const insufficientResources: Detector = {
  id: 'insufficient-resources',
  priority: 34,
  detect: () => undefined,
};
