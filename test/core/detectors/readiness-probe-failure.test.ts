import { describe, expect, it } from 'vitest';
import { readinessProbeFailure } from '../../../src/core/detectors/readiness-probe-failure.ts';
import type { Container } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';
import { kubeletEvent, minutesAgo, podWith, readyConditions, runningAfter } from './support/container-pods.ts';

const api: Container = { name: 'api', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 10, failureThreshold: 3 } };
const notReadyFor = (minutes: number) => [
  { type: 'Initialized', status: 'True' },
  { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [api]', lastTransitionTime: minutesAgo(minutes) },
  { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: minutesAgo(minutes) },
];

describe('readiness-probe-failure', () => {
  it('reports a running container whose readiness probe fails now, with the status it gets', () => {
    const pod = podWith({ containers: [api], conditions: notReadyFor(20), statuses: [runningAfter('api', minutesAgo(20), undefined, { ready: false })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { count: 40, first: minutesAgo(19), last: minutesAgo(0.5) })];
    const finding = readinessProbeFailure.detect(factsForPod(pod, { events }));
    expect(finding?.title).toBe('api is running but not Ready: readiness probe GET http://<pod IP>:8080/ready fails with HTTP 503 (x40 over 18m); no Service traffic reaches it');
    expect(finding?.detail).toContain('usually a dependency it checks');
    expect(finding?.ruledOut).toContain('crashes: the container has never restarted');
    expect(finding?.vars).toMatchObject({ container: 'api', probe: 'readiness', probePath: '/ready', probeOutcome: 'HTTP 503' });
  });

  it("quotes what the container's own log says about being unready", () => {
    const pod = podWith({ containers: [{ ...api, name: 'istio-proxy' }], conditions: notReadyFor(11), statuses: [runningAfter('istio-proxy', minutesAgo(11), undefined, { ready: false })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { count: 298, first: minutesAgo(11), last: minutesAgo(1) })];
    const log = [
      '2020-04-29T14:34:05.611024Z\tinfo\tFLAG: --binaryPath="/usr/local/bin/envoy"',
      '[Envoy (Epoch 0)] [2020-04-29 14:43:53.534][19][warning][config] gRPC config stream closed: 14, upstream connect error or disconnect/reset before headers. reset reason: connection failure',
      '2020-04-29T14:43:54.323650Z\tinfo\tEnvoy proxy is NOT ready: config not received from Pilot (is Pilot running?): cds updates: 0 successful, 0 rejected; lds updates: 0 successful, 0 rejected',
    ].join('\n');
    const finding = readinessProbeFailure.detect(factsForPod(pod, { events, pod: { logs: [{ container: 'istio-proxy', previous: false, text: log }] } }));
    expect(finding?.evidence).toContainEqual({ kind: 'log', source: 'log istio-proxy (current)', text: expect.stringContaining('Envoy proxy is NOT ready: config not received from Pilot') });
    expect(finding?.detail).toContain('Its log says: "2020-04-29T14:43:54.323650Z');
  });

  it('falls back to the newest error line, then the newest warning, of the current instance only', () => {
    const pod = podWith({ containers: [api], conditions: notReadyFor(20), statuses: [runningAfter('api', minutesAgo(20), undefined, { ready: false })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { count: 40, first: minutesAgo(19), last: minutesAgo(0.5) })];
    const current = '2022-07-25 10:05:42,337 ERROR: Error when fetching backup: pg_basebackup exited with code=1\n2022-07-25 10:05:42,338 WARNING: Trying again in 5 seconds\n2022-07-25 10:09:51,871 INFO: bootstrap from leader in progress\n';
    const logs = [{ container: 'api', previous: true, text: 'FATAL: an older instance\n' }, { container: 'api', previous: false, text: current }];
    const finding = readinessProbeFailure.detect(factsForPod(pod, { events, pod: { logs } }));
    expect(finding?.evidence).toContainEqual({ kind: 'log', source: 'log api (current)', text: '2022-07-25 10:05:42,337 ERROR: Error when fetching backup: pg_basebackup exited with code=1' });
  });

  it('proves it from the status alone when the events have expired', () => {
    const pod = podWith({ containers: [api], conditions: notReadyFor(180), statuses: [runningAfter('api', minutesAgo(181), undefined, { ready: false })] });
    const finding = readinessProbeFailure.detect(factsForPod(pod));
    expect(finding?.title).toBe('api is running but has not been Ready for 3h: readiness probe GET http://<pod IP>:8080/ready never succeeded; no Service traffic reaches it');
  });

  it('stays quiet about failures during a start-up that has ended', () => {
    const pod = podWith({ containers: [api], conditions: readyConditions(minutesAgo(50)), statuses: [runningAfter('api', minutesAgo(52))] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: Get "http://10.1.2.3:8080/ready": dial tcp 10.1.2.3:8080: connect: connection refused', { count: 3, last: minutesAgo(51) })];
    expect(readinessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });

  it('does not count failures of an earlier instance, nor a container still within its probe grace', () => {
    const pod = podWith({ containers: [api], conditions: notReadyFor(0.5), statuses: [runningAfter('api', minutesAgo(0.5), undefined, { ready: false })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { last: minutesAgo(5) })];
    expect(readinessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });

  it('leaves a pod held back by a readiness gate alone', () => {
    const pod = podWith({
      containers: [api],
      conditions: [
        { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', lastTransitionTime: minutesAgo(30) },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: minutesAgo(29) },
      ],
      statuses: [runningAfter('api', minutesAgo(30), undefined, { ready: true })],
    });
    expect(readinessProbeFailure.detect(factsForPod(pod))).toBeUndefined();
  });

  it('leaves a container that liveness kills keep restarting to liveness-probe-failure', () => {
    const pod = podWith({ containers: [api], conditions: notReadyFor(3), statuses: [runningAfter('api', minutesAgo(3), { exitCode: 137, startedAt: minutesAgo(8), finishedAt: minutesAgo(3.2) }, { ready: false, restarts: 4 })] });
    const events = [
      kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { count: 30, last: minutesAgo(0.2) }),
      kubeletEvent(pod, 'Killing', 'Container api failed liveness probe, will be restarted', { count: 4, last: minutesAgo(3.5) }),
    ];
    expect(readinessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });
});
