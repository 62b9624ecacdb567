import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const containerCannotRun: Detector = {
  id: 'container-cannot-run',
  priority: 55,
  detect: () => undefined,
};
