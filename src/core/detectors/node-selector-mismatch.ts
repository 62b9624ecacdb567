import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const nodeSelectorMismatch: Detector = {
  id: 'node-selector-mismatch',
  priority: 32,
  detect: () => undefined,
};
