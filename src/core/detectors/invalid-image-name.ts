import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const invalidImageName: Detector = {
  id: 'invalid-image-name',
  priority: 40,
  detect: () => undefined,
};
