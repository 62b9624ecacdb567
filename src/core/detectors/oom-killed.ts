import type { Detector } from './detector.ts';

// Scaffold: replaced by the real detector.
export const oomKilled: Detector = {
  id: 'oom-killed',
  priority: 60,
  detect: () => undefined,
};
