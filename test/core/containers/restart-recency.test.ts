import { describe, expect, it } from 'vitest';
import { restartRecency } from '../../../src/core/containers/restart-recency.ts';
import type { ContainerView } from '../../../src/core/kube/pod-status.ts';
import type { ContainerStatus } from '../../../src/core/kube/types.ts';
import { crashLooping, minutesAgo, NOW, runningAfter } from '../detectors/support/container-pods.ts';

const now = new Date(NOW);
const view = (status: ContainerStatus): ContainerView => ({ name: status.name, init: false, sidecar: false, status });

describe('whether a restart is current or history', () => {
  it('counts a container that is down right now', () => {
    expect(restartRecency(view(crashLooping('api', { exitCode: 1 })), now).current).toBe(true);
  });

  it('counts a kill two minutes ago whose previous instance ran for hours (a leak comes back)', () => {
    const status = runningAfter('api', minutesAgo(2), { exitCode: 137, startedAt: minutesAgo(700), finishedAt: minutesAgo(2) });
    const recency = restartRecency(view(status), now);
    expect(recency.current).toBe(true);
    expect(recency.why).toBe('running for 2m; the previous instance ran 11h38m');
  });

  it('forgets a crash the container has outlived for days', () => {
    const status = runningAfter('api', minutesAgo(3 * 24 * 60), { exitCode: 1, startedAt: minutesAgo(3 * 24 * 60 + 1), finishedAt: minutesAgo(3 * 24 * 60) });
    expect(restartRecency(view(status), now).current).toBe(false);
  });

  it('forgets a quick crash once the container has run an hour', () => {
    const status = runningAfter('api', minutesAgo(90), { exitCode: 1, startedAt: minutesAgo(91), finishedAt: minutesAgo(90) });
    expect(restartRecency(view(status), now).current).toBe(false);
  });

  it('forgets any ending after a full day of running, however long the previous run', () => {
    const status = runningAfter('api', minutesAgo(30 * 60), { exitCode: 137, startedAt: minutesAgo(30 * 60 + 20 * 60), finishedAt: minutesAgo(30 * 60) });
    expect(restartRecency(view(status), now).current).toBe(false);
  });

  it('ignores the zero start time a runtime reports for a process that never started', () => {
    const status = runningAfter('api', minutesAgo(3), { exitCode: 128, reason: 'StartError', startedAt: '1970-01-01T00:00:00Z', finishedAt: minutesAgo(4) });
    expect(restartRecency(view(status), now)).toEqual({ current: true, why: 'running for 3m' });
  });
});
