import { describe, expect, it } from 'vitest';
import { initContainerFailure } from '../../../src/core/detectors/init-container-failure.ts';
import type { ContainerStatus, PodCondition } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';
import { crashLooping, minutesAgo, podWith } from './support/container-pods.ts';

const notInitialized: PodCondition[] = [
  { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [migrate]', lastTransitionTime: minutesAgo(20) },
  { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: minutesAgo(20) },
];
const appWaiting: ContainerStatus = { name: 'api', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } };
const done: ContainerStatus = { name: 'wait-for-db', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: minutesAgo(19) } } };
const inits = [
  { name: 'wait-for-db', image: 'busybox:1.36' },
  { name: 'migrate', image: 'shop/api:2.4.1', command: ['./manage.py', 'migrate', '--noinput'] },
];

describe('init-container-failure', () => {
  it('names the failing init container, its command and its first error, and the containers it blocks', () => {
    const pod = podWith({ initContainers: inits, conditions: notInitialized, initStatuses: [done, crashLooping('migrate', { exitCode: 1 }, 4)], statuses: [appWaiting] });
    const log = 'Operations to perform:\n  Apply all migrations: admin, auth, orders\nTraceback (most recent call last):\n  File "/app/manage.py", line 22, in <module>\ndjango.db.utils.OperationalError: connection to server at "postgres" (10.96.0.12), port 5432 failed: Connection refused\n';
    const finding = initContainerFailure.detect(factsForPod(pod, { pod: { logs: [{ container: 'migrate', previous: true, text: log }] } }));
    expect(finding?.title).toBe(
      'init container migrate (2/2) fails: django.db.utils.OperationalError: connection to server at "postgres" (10.96.0.12), port 5432 failed: Connection refused (exit 1, restarted 4 times); api has not started',
    );
    expect(finding?.evidence).toContainEqual({ kind: 'spec', source: 'spec.initContainers[migrate].command', text: './manage.py migrate --noinput' });
    expect(finding?.evidence).toContainEqual({ kind: 'status', source: 'status.containerStatuses', text: 'app containers: api PodInitializing' });
    expect(finding?.ruledOut).toContain('earlier init containers: wait-for-db completed');
    expect(finding?.vars).toMatchObject({ container: 'migrate', initContainer: 'migrate', exitCode: '1', command: './manage.py migrate --noinput' });
  });

  it('reports Init:Error under restartPolicy Never, where the pod has failed for good', () => {
    const pod = podWith({
      phase: 'Failed',
      restartPolicy: 'Never',
      initContainers: inits,
      conditions: notInitialized,
      initStatuses: [done, { name: 'migrate', ready: false, restartCount: 0, state: { terminated: { exitCode: 2, reason: 'Error', startedAt: minutesAgo(10), finishedAt: minutesAgo(9) } } }],
      statuses: [appWaiting],
    });
    const finding = initContainerFailure.detect(factsForPod(pod));
    expect(finding?.title).toBe('init container migrate (2/2) fails with exit 2 (exit 2); api has not started');
    expect(finding?.detail).toContain('With restartPolicy Never the pod has failed for good');
  });

  it('names the start failure of an init container the runtime cannot run', () => {
    const message = 'OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"sh\\": executable file not found in $PATH": unknown';
    const pod = podWith({
      initContainers: inits,
      conditions: notInitialized,
      initStatuses: [done, { name: 'migrate', ready: false, restartCount: 0, state: { terminated: { exitCode: 127, reason: 'ContainerCannotRun', message, finishedAt: minutesAgo(3) } } }],
      statuses: [appWaiting],
    });
    expect(initContainerFailure.detect(factsForPod(pod))?.title).toBe('init container migrate (2/2) cannot start: command "sh" not found in the image ($PATH) (exit 127); api has not started');
  });

  it('reports an init container that has been running far too long, with its latest output', () => {
    const pod = podWith({
      initContainers: [inits[0]!],
      conditions: notInitialized,
      initStatuses: [{ name: 'wait-for-db', ready: false, restartCount: 0, state: { running: { startedAt: minutesAgo(47) } } }],
      statuses: [appWaiting],
    });
    const finding = initContainerFailure.detect(factsForPod(pod, { pod: { logs: [{ container: 'wait-for-db', previous: false, text: 'waiting for db\npostgres:5432 - no response\n' }] } }));
    expect(finding?.title).toBe('init container wait-for-db (1/1) is still running after 47m and has not completed; api has not started');
    expect(finding?.detail).toContain('Its latest output: postgres:5432 - no response');
  });

  it('waits a while before calling a running init container stuck', () => {
    const pod = podWith({ initContainers: [inits[0]!], conditions: notInitialized, initStatuses: [{ name: 'wait-for-db', ready: false, restartCount: 0, state: { running: { startedAt: minutesAgo(2) } } }], statuses: [appWaiting] });
    expect(initContainerFailure.detect(factsForPod(pod))).toBeUndefined();
  });

  it('leaves an init container waiting for its image or config to the detectors of those', () => {
    const pod = podWith({
      initContainers: inits,
      conditions: notInitialized,
      initStatuses: [done, { name: 'migrate', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "shop/api:2.4.1"' } } }],
      statuses: [appWaiting],
    });
    expect(initContainerFailure.detect(factsForPod(pod))).toBeUndefined();
  });

  it('reports an init container OOMKilled with exit code 0, which blocks the pod although Initialized is True', () => {
    // kubelet 1.23+ counts the kill as a failure; the Initialized condition only reads the exit code.
    const oomKilled: ContainerStatus = { name: 'migrate', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'OOMKilled', startedAt: minutesAgo(83), finishedAt: minutesAgo(82) } } };
    const pod = podWith({
      phase: 'Pending',
      restartPolicy: 'Never',
      initContainers: [inits[0]!, { ...inits[1]!, resources: { limits: { memory: '4Gi' } } }],
      conditions: [{ type: 'Initialized', status: 'True', lastTransitionTime: minutesAgo(82) }],
      initStatuses: [done, oomKilled],
      statuses: [appWaiting],
    });
    const finding = initContainerFailure.detect(factsForPod(pod));
    expect(finding?.title).toBe('init container migrate (2/2) was OOMKilled at its 4Gi memory limit (exit 0); api has not started');
    expect(finding?.detail).toContain('the kubelet counts that as a failure and does not start the app containers');
  });

  it('leaves an OOMKilled exit-0 init container alone once the app containers have started (kubelets before 1.23 went on)', () => {
    const pod = podWith({
      initContainers: inits,
      conditions: [{ type: 'Initialized', status: 'True' }],
      initStatuses: [done, { name: 'migrate', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'OOMKilled', finishedAt: minutesAgo(30) } } }],
      statuses: [{ name: 'api', ready: true, restartCount: 0, state: { running: { startedAt: minutesAgo(29) } } }],
    });
    expect(initContainerFailure.detect(factsForPod(pod))).toBeUndefined();
  });

  it('stays quiet once the pod is initialized, and about native sidecars', () => {
    const initialized = podWith({
      initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }],
      initStatuses: [crashLooping('istio-proxy', { exitCode: 1 })],
      conditions: [{ type: 'Initialized', status: 'True' }],
      statuses: [{ name: 'api', ready: true, restartCount: 0, state: { running: { startedAt: minutesAgo(30) } } }],
    });
    expect(initContainerFailure.detect(factsForPod(initialized))).toBeUndefined();
    const sidecarOnly = podWith({ ...{ initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }] }, conditions: notInitialized, initStatuses: [crashLooping('istio-proxy', { exitCode: 1 })], statuses: [appWaiting] });
    expect(initContainerFailure.detect(factsForPod(sidecarOnly))).toBeUndefined();
  });
});
