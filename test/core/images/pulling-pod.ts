import type { CoreEvent, Pod } from '../../../src/core/kube/types.ts';

// A pod whose container waits on its image, and the kubelet events that go with it, shaped as
// the API server returns them: what the image detector tests start from.

export function pullingPod(options: {
  image: string;
  reason?: string;
  message?: string;
  container?: string;
  pullSecrets?: string[];
  serviceAccount?: string;
  node?: string;
}): Pod {
  const container = options.container ?? 'api';
  const reason = options.reason ?? 'ImagePullBackOff';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-7d9f8c6b5-x2x7q', namespace: 'shop', uid: 'pod-uid-1', creationTimestamp: '2026-11-21T11:40:00Z' },
    spec: {
      containers: [{ name: container, image: options.image, imagePullPolicy: 'IfNotPresent' }],
      nodeName: options.node ?? 'worker-1',
      serviceAccountName: options.serviceAccount ?? 'default',
      ...(options.pullSecrets ? { imagePullSecrets: options.pullSecrets.map((name) => ({ name })) } : {}),
    },
    status: {
      phase: 'Pending',
      containerStatuses: [
        {
          name: container,
          ready: false,
          restartCount: 0,
          image: options.image,
          imageID: '',
          state: { waiting: { reason, message: options.message ?? `Back-off pulling image "${options.image}"` } },
        },
      ],
    },
  };
}

export function kubeletEvent(reason: string, message: string, options: { container?: string; count?: number; last?: string; type?: string } = {}): CoreEvent {
  const container = options.container ?? 'api';
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `api-7d9f8c6b5-x2x7q.${reason.toLowerCase()}${message.length}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'api-7d9f8c6b5-x2x7q', namespace: 'shop', fieldPath: `spec.containers{${container}}` },
    reason,
    message,
    type: options.type ?? (reason === 'Failed' || reason === 'InspectFailed' ? 'Warning' : 'Normal'),
    count: options.count ?? 1,
    firstTimestamp: '2026-11-21T11:41:00Z',
    lastTimestamp: options.last ?? '2026-11-21T11:58:00Z',
    source: { component: 'kubelet', host: 'worker-1' },
  };
}

/** The pair the kubelet records on every failed pull: the runtime's error, then "Error: ErrImagePull". */
export function failedPull(image: string, error: string, count = 5): CoreEvent[] {
  return [
    kubeletEvent('Failed', `Failed to pull image "${image}": ${error}`, { count }),
    kubeletEvent('Failed', 'Error: ErrImagePull', { count }),
    kubeletEvent('BackOff', `Back-off pulling image "${image}"`, { count: count * 4 }),
    kubeletEvent('Failed', 'Error: ImagePullBackOff', { count: count * 4 }),
  ];
}
