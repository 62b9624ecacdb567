import type { ContainerView } from '../kube/pod-status.ts';
import { formatDuration, msBetween, msSince } from '../time/elapsed.ts';

/**
 * Whether a container's last ending still describes what is happening, or is history.
 *
 * A person asking "why" about a pod that crashed once days ago and has run Ready ever since
 * must not hear "crash loop". The kubelet itself forgets a crash once a container has run
 * 10 minutes (it resets the back-off), but that is too short for us: a memory leak or a
 * nightly load spike brings the same kill back hours later. So an ending counts as current
 * while the container is down, and while the running instance has not yet outlived twice the
 * previous one's run (the next kill would be due by then), within [1h, 24h]: after a full day
 * of running the old ending is history whatever its cause.
 */
export interface Recency {
  current: boolean;
  /** Why, in words a person can check: "running for 2m; the previous instance ran 11h38m". */
  why: string;
}

const MIN_WINDOW_MS = 60 * 60 * 1000;
const MAX_WINDOW_MS = 24 * 60 * 60 * 1000;

export function restartRecency(view: ContainerView, now: Date): Recency {
  const status = view.status;
  if (!status) return { current: false, why: 'no status reported for the container' };
  if (status.state?.terminated) return { current: true, why: 'the container is terminated now' };
  if (status.state?.waiting) {
    return { current: true, why: `the container is waiting now (${status.state.waiting.reason ?? 'no reason given'})` };
  }
  const last = status.lastState?.terminated;
  const startedAt = status.state?.running?.startedAt;
  const runningFor = msSince(startedAt, now);
  if (runningFor === undefined) {
    // No start time to measure from: fall back to how long ago the previous instance ended.
    const sinceEnd = msSince(last?.finishedAt, now);
    if (sinceEnd === undefined) return { current: true, why: 'no timestamps to tell how long ago it restarted' };
    return {
      current: sinceEnd < MIN_WINDOW_MS,
      why: `the previous instance ended ${formatDuration(sinceEnd)} ago`,
    };
  }
  const previousRun = msBetween(last?.startedAt, last?.finishedAt);
  const window = Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, 2 * (previousRun ?? 0)));
  const why =
    previousRun !== undefined && previousRun >= 0
      ? `running for ${formatDuration(runningFor)}; the previous instance ran ${formatDuration(previousRun)}`
      : `running for ${formatDuration(runningFor)}`;
  return { current: runningFor < window, why };
}
