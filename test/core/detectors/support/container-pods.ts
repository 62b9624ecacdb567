import type { Container, ContainerStatus, CoreEvent, KubeNode, Pod, PodCondition } from '../../../../src/core/kube/types.ts';

// Pods and kubelet events shaped as the API returns them, for the container detectors' tests.
// The default diagnosis time of factsForPod is 2026-11-21T12:00:00Z; times here are relative to it.

export const NOW = '2026-11-21T12:00:00Z';

/** An ISO time `minutes` before NOW (negative: after). */
export function minutesAgo(minutes: number): string {
  return new Date(Date.parse(NOW) - minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

export interface PodShape {
  name?: string;
  containers?: Container[];
  initContainers?: Container[];
  statuses?: ContainerStatus[];
  initStatuses?: ContainerStatus[];
  phase?: string;
  restartPolicy?: string;
  conditions?: PodCondition[];
  nodeName?: string;
}

export function podWith(shape: PodShape): Pod {
  const name = shape.name ?? 'api-7d9f8c6b5-x2x7q';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, creationTimestamp: minutesAgo(600) },
    spec: {
      containers: shape.containers ?? [{ name: 'api', image: 'shop/api:2.4.1' }],
      ...(shape.initContainers ? { initContainers: shape.initContainers } : {}),
      restartPolicy: shape.restartPolicy ?? 'Always',
      nodeName: shape.nodeName ?? 'node-1',
    },
    status: {
      phase: shape.phase ?? 'Running',
      conditions: shape.conditions ?? [
        { type: 'Initialized', status: 'True', lastTransitionTime: minutesAgo(600) },
        { type: 'Ready', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: minutesAgo(30) },
        { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', lastTransitionTime: minutesAgo(30) },
      ],
      ...(shape.initStatuses ? { initContainerStatuses: shape.initStatuses } : {}),
      containerStatuses: shape.statuses ?? [],
    },
  };
}

/** Ready conditions for a pod that is Running and Ready. */
export function readyConditions(since: string): PodCondition[] {
  return [
    { type: 'Initialized', status: 'True', lastTransitionTime: minutesAgo(600) },
    { type: 'Ready', status: 'True', lastTransitionTime: since },
    { type: 'ContainersReady', status: 'True', lastTransitionTime: since },
  ];
}

/** A container in CrashLoopBackOff whose previous instance ended as given. */
export function crashLooping(name: string, ended: { exitCode: number; reason?: string; message?: string; ranSeconds?: number }, restarts = 6): ContainerStatus {
  const finishedAt = minutesAgo(2);
  return {
    name,
    ready: false,
    started: false,
    restartCount: restarts,
    state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 2m40s restarting failed container=${name} pod=api-7d9f8c6b5-x2x7q_shop(uid-api)` } },
    lastState: {
      terminated: {
        exitCode: ended.exitCode,
        reason: ended.reason ?? 'Error',
        ...(ended.message ? { message: ended.message } : {}),
        startedAt: new Date(Date.parse(finishedAt) - (ended.ranSeconds ?? 5) * 1000).toISOString().replace('.000Z', 'Z'),
        finishedAt,
        containerID: `containerd://${name}-${restarts}`,
      },
    },
  };
}

/** A container running since `since` whose previous instance ended as given (restarts > 0). */
export function runningAfter(
  name: string,
  since: string,
  previous?: { exitCode: number; reason?: string; startedAt: string; finishedAt: string },
  options: { ready?: boolean; restarts?: number } = {},
): ContainerStatus {
  return {
    name,
    ready: options.ready ?? true,
    started: true,
    restartCount: options.restarts ?? (previous ? 1 : 0),
    state: { running: { startedAt: since } },
    lastState: previous ? { terminated: { ...previous, reason: previous.reason ?? 'Error', containerID: `containerd://${name}-prev` } } : {},
  };
}

/** A kubelet event about one container of the pod. */
export function kubeletEvent(
  pod: Pod,
  reason: string,
  message: string,
  options: { container?: string; init?: boolean; count?: number; first?: string; last?: string; type?: string; noFieldPath?: boolean } = {},
): CoreEvent {
  const container = options.container ?? pod.spec.containers[0]!.name;
  const last = options.last ?? minutesAgo(1);
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.metadata.name}.${reason}.${message.length}`, namespace: 'shop' },
    involvedObject: {
      kind: 'Pod',
      name: pod.metadata.name,
      namespace: 'shop',
      uid: pod.metadata.uid,
      ...(options.noFieldPath ? {} : { fieldPath: `spec.${options.init ? 'initContainers' : 'containers'}{${container}}` }),
    },
    reason,
    message,
    type: options.type ?? (['Unhealthy', 'BackOff', 'Failed'].includes(reason) ? 'Warning' : 'Normal'),
    count: options.count ?? 1,
    firstTimestamp: options.first ?? last,
    lastTimestamp: last,
    source: { component: 'kubelet', host: 'node-1' },
  };
}

export function nodeNamed(name: string, fields: { arch?: string; allocatableMemory?: string; memoryPressure?: boolean } = {}): KubeNode {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/arch': fields.arch ?? 'amd64', 'kubernetes.io/hostname': name } },
    status: {
      allocatable: { cpu: '3900m', memory: fields.allocatableMemory ?? '15186388Ki', pods: '110' },
      capacity: { cpu: '4', memory: '16203220Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: fields.memoryPressure ? 'True' : 'False', reason: fields.memoryPressure ? 'KubeletHasInsufficientMemory' : 'KubeletHasSufficientMemory', lastTransitionTime: minutesAgo(5) },
        { type: 'Ready', status: 'True', reason: 'KubeletReady' },
      ],
      nodeInfo: { kubeletVersion: 'v1.31.4', containerRuntimeVersion: 'containerd://1.7.24' },
    },
  };
}
