import { describe, expect, it } from 'vitest';
import { oomKilled } from '../../../src/core/detectors/oom-killed.ts';
import { buildTimeline } from '../../../src/core/events/timeline.ts';
import type { CoreEvent } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';
import { factsFromScenario, readScenario } from './support/scenario-facts.ts';
import { crashLooping, minutesAgo, nodeNamed, podWith, readyConditions, runningAfter } from './support/container-pods.ts';

const limited = (limit: string, request?: string) => [{ name: 'api', image: 'shop/api:2.4.1', resources: { limits: { memory: limit }, ...(request ? { requests: { memory: request } } : {}) } }];

describe('oom-killed', () => {
  it('finds the silent JVM OOMKill of shared example 01 in lastState while the pod runs Ready', () => {
    const finding = oomKilled.detect(factsFromScenario(readScenario('/work/shared/scenarios/examples/01-oom-jvm-silent-api.json')));
    expect(finding?.title).toBe('api was OOMKilled at its 2000Mi memory limit (exit 137, 2 restarts, last 2m ago)');
    expect(finding?.detail).toContain('Nothing was logged about memory');
    expect(finding?.evidence.map((e) => e.text)).toContain(
      '-XX:MaxRAMPercentage=80 (env JAVA_TOOL_OPTIONS) lets the heap reach 1600Mi of the 2000Mi limit, leaving 400Mi for everything that is not heap (metaspace, thread stacks, buffers, native memory)',
    );
    expect(finding?.vars).toMatchObject({ container: 'api', limit: '2000Mi', request: '2000Mi', exitCode: '137', oomScope: 'container-limit' });
  });

  it('finds it while the pod says CrashLoopBackOff', () => {
    const pod = podWith({ containers: limited('512Mi', '256Mi'), statuses: [crashLooping('api', { exitCode: 137, reason: 'OOMKilled', ranSeconds: 240 }, 14)] });
    const finding = oomKilled.detect(factsForPod(pod));
    expect(finding?.title).toBe('api was OOMKilled at its 512Mi memory limit (exit 137, 14 restarts, last 2m ago)');
    expect(finding?.evidence[0]).toMatchObject({ kind: 'status', source: 'status.containerStatuses[api].lastState.terminated' });
    expect(finding?.ruledOut).toContain('liveness probe kill: no "failed liveness probe" Killing events');
  });

  it('finds it in state.terminated of a Job pod that will not restart', () => {
    const pod = podWith({
      containers: limited('256Mi'),
      restartPolicy: 'Never',
      phase: 'Failed',
      statuses: [{ name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: minutesAgo(10), finishedAt: minutesAgo(6) } } }],
    });
    const finding = oomKilled.detect(factsForPod(pod, { pod: { logs: [{ container: 'api', previous: false, text: 'loading 2M rows\njava.lang.OutOfMemoryError: Java heap space\n' }] } }));
    expect(finding?.evidence[0]?.source).toBe('status.containerStatuses[api].state.terminated');
    expect(finding?.evidence).toContainEqual({ kind: 'log', source: 'log api (current)', text: 'java.lang.OutOfMemoryError: Java heap space' });
  });

  it('finds a kill in the final state of a Succeeded pod: exit 0 with OOMKilled means a child process was killed', () => {
    const pod = podWith({
      containers: limited('4Gi', '4Gi'),
      restartPolicy: 'Never',
      phase: 'Succeeded',
      statuses: [{ name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'OOMKilled', startedAt: minutesAgo(960), finishedAt: minutesAgo(959) } } }],
    });
    const finding = oomKilled.detect(factsForPod(pod));
    expect(finding?.title).toBe('api was OOMKilled at its 4Gi memory limit (exit 0, 0 restarts, last 15h59m ago)');
    expect(finding?.detail).toContain('the pod counts as Succeeded although its work was cut short');
  });

  it('leaves a Succeeded pod alone when the OOM kill was retried and the retry completed', () => {
    const pod = podWith({
      containers: limited('4Gi'),
      restartPolicy: 'OnFailure',
      phase: 'Succeeded',
      statuses: [{
        name: 'api', ready: false, restartCount: 1,
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: minutesAgo(50), finishedAt: minutesAgo(40) } },
        lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: minutesAgo(58), finishedAt: minutesAgo(51) } },
      }],
    });
    expect(oomKilled.detect(factsForPod(pod))).toBeUndefined();
  });

  it('says the node ran out of memory when the container has no limit', () => {
    const pod = podWith({
      containers: [{ name: 'worker', resources: { requests: { memory: '512Mi' } } }],
      statuses: [crashLooping('worker', { exitCode: 137, reason: 'OOMKilled', ranSeconds: 1100 }, 3)],
      nodeName: 'ip-10-0-3-17',
    });
    const systemOom: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'ip-10-0-3-17.oom', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'ip-10-0-3-17' },
      reason: 'SystemOOM',
      message: 'System OOM encountered, victim process: celery, pid: 48213',
      type: 'Warning',
      count: 3,
      lastTimestamp: minutesAgo(2),
      source: { component: 'kubelet', host: 'ip-10-0-3-17' },
    };
    const finding = oomKilled.detect(
      factsForPod(pod, { pod: { node: nodeNamed('ip-10-0-3-17', { memoryPressure: true }), nodeEvents: buildTimeline([systemOom]) } }),
    );
    expect(finding?.title).toBe('worker was OOMKilled with no memory limit: node ip-10-0-3-17 ran out of memory (exit 137, 3 restarts, last 2m ago)');
    expect(finding?.vars?.oomScope).toBe('node');
    expect(finding?.evidence.map((e) => e.source)).toEqual(
      expect.arrayContaining(['event SystemOOM on Node/ip-10-0-3-17 x3, last 2m ago', 'node ip-10-0-3-17 condition MemoryPressure']),
    );
  });

  it('says a limit above what the node can give is the problem', () => {
    const pod = podWith({ containers: limited('24Gi', '4Gi'), statuses: [crashLooping('api', { exitCode: 137, reason: 'OOMKilled' })] });
    const finding = oomKilled.detect(factsForPod(pod, { pod: { node: nodeNamed('node-1', { allocatableMemory: '15186388Ki' }) } }));
    expect(finding?.title).toContain('by node node-1 running out of memory (container limit 24Gi');
    expect(finding?.evidence.map((e) => e.text)).toContain("the 24Gi limit is above the node's allocatable memory 15186388Ki: the node runs out before the limit is reached");
  });

  it('stays quiet about an OOMKill weeks ago on a container that has run stable since', () => {
    const since = minutesAgo(21 * 24 * 60);
    const pod = podWith({
      containers: limited('1Gi'),
      conditions: readyConditions(since),
      statuses: [runningAfter('api', since, { exitCode: 137, reason: 'OOMKilled', startedAt: minutesAgo(30 * 24 * 60), finishedAt: since })],
    });
    expect(oomKilled.detect(factsForPod(pod))).toBeUndefined();
  });

  it('does not take exit 137 without OOMKilled for an OOM kill', () => {
    const pod = podWith({ containers: limited('1Gi'), statuses: [crashLooping('api', { exitCode: 137, reason: 'Error' })] });
    expect(oomKilled.detect(factsForPod(pod))).toBeUndefined();
  });

  it('names an init container that was OOMKilled', () => {
    const pod = podWith({
      initContainers: [{ name: 'migrate', resources: { limits: { memory: '64Mi' } } }],
      initStatuses: [crashLooping('migrate', { exitCode: 137, reason: 'OOMKilled' }, 2)],
      statuses: [{ name: 'api', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
    });
    expect(oomKilled.detect(factsForPod(pod))?.title).toBe('init container migrate was OOMKilled at its 64Mi memory limit (exit 137, 2 restarts, last 2m ago)');
  });
});
