import { describe, expect, it } from 'vitest';
import { podDisplayStatus } from '../../../src/core/kube/pod-status.ts';
import type { Pod } from '../../../src/core/kube/types.ts';
import { crashingPod, runningPod } from '../../support/objects.ts';

// The STATUS column a person already reads in `kubectl get pods` (kubectl's printPod).
describe('podDisplayStatus', () => {
  it('shows the waiting reason of a crashing container and Running for a healthy pod', () => {
    expect(podDisplayStatus(crashingPod('api-1'))).toBe('CrashLoopBackOff');
    expect(podDisplayStatus(runningPod('web-1'))).toBe('Running');
  });

  it('shows init progress and init failures', () => {
    const pod: Pod = {
      ...runningPod('orders-1'),
      spec: { containers: [{ name: 'app' }], initContainers: [{ name: 'migrate' }, { name: 'warm' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'migrate', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'warm', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
        ],
      },
    };
    expect(podDisplayStatus(pod)).toBe('Init:CrashLoopBackOff');
    pod.status!.initContainerStatuses![0]!.state = { terminated: { exitCode: 0, reason: 'Completed' } };
    expect(podDisplayStatus(pod)).toBe('Init:1/2');
  });

  it('shows Terminating for a pod being deleted, and SchedulingGated for a gated one', () => {
    const deleting = runningPod('cart-1');
    deleting.metadata.deletionTimestamp = '2026-11-21T10:00:00Z';
    expect(podDisplayStatus(deleting)).toBe('Terminating');
    const gated: Pod = { ...runningPod('batch-1'), status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } };
    expect(podDisplayStatus(gated)).toBe('SchedulingGated');
  });

  it('shows NotReady when a sidecar still runs after the main container completed', () => {
    const pod: Pod = {
      ...runningPod('job-1'),
      spec: { containers: [{ name: 'main' }, { name: 'proxy' }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'False' }],
        containerStatuses: [
          { name: 'main', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'proxy', ready: true, restartCount: 0, state: { running: {} } },
        ],
      },
    };
    expect(podDisplayStatus(pod)).toBe('NotReady');
  });
});
