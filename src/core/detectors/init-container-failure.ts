import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const initContainerFailure: Detector = {
  id: 'init-container-failure',
  priority: 50,
  detect: () => undefined,
};
