import { describe, expect, it } from 'vitest';
import { describeRequest, podRequests } from '../../../src/core/scheduling/pod-requests.ts';
import { container, pendingPod } from '../../support/scheduling.ts';

describe('podRequests', () => {
  it('adds the containers and takes a bigger init container instead', () => {
    const pod = pendingPod('web', {
      containers: [container('a', { cpu: '250m', memory: '256Mi' }), container('b', { cpu: '250m', memory: '256Mi' })],
      initContainers: [container('migrate', { cpu: '1', memory: '128Mi' })],
    });
    const requests = podRequests(pod);
    expect(requests.get('cpu')).toBe(1000);
    expect(requests.get('memory')).toBe(512 * 2 ** 20);
  });

  it('counts native sidecars with the app containers and under later init containers', () => {
    const pod = pendingPod('web', {
      containers: [container('app', { cpu: '500m' })],
      initContainers: [container('proxy', { cpu: '300m' }, { restartPolicy: 'Always' }), container('warmup', { cpu: '600m' })],
    });
    // app 500m + sidecar 300m = 800m; warmup runs beside the sidecar: 600m + 300m = 900m.
    expect(podRequests(pod).get('cpu')).toBe(900);
  });

  it('adds RuntimeClass overhead and defaults an unset request from its limit', () => {
    const pod = pendingPod('web', {
      containers: [{ name: 'gpu', resources: { limits: { 'nvidia.com/gpu': '1', memory: '2Gi' } } }],
      overhead: { memory: '120Mi' },
    });
    const requests = podRequests(pod);
    expect(requests.get('nvidia.com/gpu')).toBe(1);
    expect(requests.get('memory')).toBe(2 * 2 ** 30 + 120 * 2 ** 20);
  });

  it('quotes a request the way the spec wrote it', () => {
    const pod = pendingPod('web', { containers: [container('app', { memory: '2000Mi' })] });
    expect(describeRequest(pod, 'memory', podRequests(pod).get('memory')!)).toBe('2000Mi');
  });
});
