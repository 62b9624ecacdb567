import type { CoreEvent, Pod } from '../../src/core/kube/types.ts';

/** A pod as the API returns it, Running and Ready unless told otherwise. */
export function runningPod(name: string, namespace = 'shop', overrides: { owner?: string; labels?: Record<string, string>; ready?: boolean } = {}): Pod {
  const ready = overrides.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      creationTimestamp: '2026-11-20T10:00:00Z',
      labels: overrides.labels ?? { app: name.split('-')[0]! },
      ...(overrides.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: overrides.owner, uid: `uid-${overrides.owner}`, controller: true }] } : {}),
    },
    spec: { containers: [{ name: 'app', image: 'shop/app:1.0' }], nodeName: 'node-1' },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-11-20T10:01:00Z' }],
      containerStatuses: [{ name: 'app', ready, restartCount: 0, state: { running: { startedAt: '2026-11-20T10:00:30Z' } } }],
    },
  };
}

export function crashingPod(name: string, namespace = 'shop'): Pod {
  const pod = runningPod(name, namespace, { ready: false });
  pod.status!.containerStatuses = [
    {
      name: 'app',
      ready: false,
      restartCount: 7,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2026-11-21T11:58:00Z' } },
    },
  ];
  return pod;
}

export function coreEvent(name: string, reason: string, message: string, fields: Partial<CoreEvent> = {}): CoreEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${reason.toLowerCase()}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name, namespace: 'shop', uid: `uid-${name}` },
    reason,
    message,
    type: 'Warning',
    count: 1,
    firstTimestamp: '2026-11-21T11:00:00Z',
    lastTimestamp: '2026-11-21T11:00:00Z',
    source: { component: 'kubelet', host: 'node-1' },
    ...fields,
  };
}
