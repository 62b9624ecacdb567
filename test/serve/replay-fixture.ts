import { parseSnapshot, type Snapshot } from '../../src/snapshot/snapshot.ts';
import { startReplayServer, type ReplayServer, type ReplayServerOptions } from '../../src/serve/replay-server.ts';
import { coreEvent, crashingPod, runningPod } from '../support/objects.ts';
import type { KubeObject, Pod } from '../../src/core/kube/types.ts';

// A small cluster with one of everything the replay server has to get right: a crash-looping
// pod with a sidecar and an init container, a pod that cannot pull its image, one not yet
// scheduled, a cordoned NotReady node, events written through both event APIs, a Secret with
// values that must never be served, and a custom resource.

function crashLoopingApi(): Pod {
  const pod = crashingPod('api-1');
  pod.metadata.labels = { app: 'api', tier: 'back' };
  pod.spec.initContainers = [{ name: 'migrate', image: 'shop/migrate:1.0' }];
  pod.spec.containers = [{ name: 'api', image: 'shop/api:2.3' }, { name: 'proxy', image: 'envoyproxy/envoy:v1.30' }];
  pod.status!.podIP = '10.244.1.7';
  pod.status!.initContainerStatuses = [
    { name: 'migrate', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-11-21T10:00:10Z', finishedAt: '2026-11-21T10:00:20Z' } } },
  ];
  pod.status!.containerStatuses = [
    {
      name: 'api',
      ready: false,
      restartCount: 3,
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container=api pod=api-1_shop(uid-api-1)' } },
      lastState: { terminated: { exitCode: 2, reason: 'Error', startedAt: '2026-11-21T11:57:50Z', finishedAt: '2026-11-21T11:58:00Z' } },
    },
    { name: 'proxy', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-21T10:00:30Z' } } },
  ];
  return pod;
}

function pullingPod(): Pod {
  const pod = runningPod('pull-1', 'shop', { ready: false });
  pod.status!.containerStatuses = [
    { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "shop/app:1.0"' } } },
  ];
  return pod;
}

function pendingPod(): Pod {
  const pod = runningPod('pending-1', 'shop', { ready: false });
  delete pod.spec.nodeName;
  pod.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
  return pod;
}

function node(name: string, ready: boolean, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, creationTimestamp: '2026-10-01T00:00:00Z', labels: { 'kubernetes.io/hostname': name } },
    spec: {},
    status: {
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown', reason: ready ? 'KubeletReady' : 'NodeStatusUnknown' }],
      addresses: [{ type: 'InternalIP', address: name === 'node-1' ? '10.0.0.11' : '10.0.0.12' }],
      nodeInfo: { kubeletVersion: name === 'node-1' ? 'v1.30.4' : 'v1.29.8', containerRuntimeVersion: 'containerd://1.7.20', osImage: 'Ubuntu 22.04.4 LTS' },
    },
    ...extra,
  };
}

export const SECRET_VALUE = 'c3VwZXItc2VjcmV0LXBhc3N3b3Jk';

export function fixtureSnapshot(): Snapshot {
  const web = runningPod('web-1', 'shop', { labels: { app: 'web', tier: 'front' } });
  web.status!.podIP = '10.244.1.5';
  const objects: KubeObject[] = [
    web,
    crashLoopingApi(),
    pullingPod(),
    pendingPod(),
    runningPod('web-1', 'staging', { labels: { app: 'web' } }),
    node('node-1', true, { metadata: { name: 'node-1', uid: 'uid-node-1', creationTimestamp: '2026-10-01T00:00:00Z', labels: { 'node-role.kubernetes.io/control-plane': '' } } }),
    node('node-2', false, { spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] } }),
    coreEvent('api-1', 'BackOff', 'Back-off restarting failed container api in pod api-1_shop(uid-api-1)', {
      lastTimestamp: '2026-11-21T11:59:00Z',
      count: 12,
      involvedObject: { kind: 'Pod', name: 'api-1', namespace: 'shop', uid: 'uid-api-1', fieldPath: 'spec.containers{api}' },
    }),
    {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web-1.17a2b3c4d5e6f7a8', namespace: 'shop', creationTimestamp: '2026-11-21T11:50:00Z' },
      eventTime: '2026-11-21T11:50:00.123456Z',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      action: 'Probe',
      reason: 'Unhealthy',
      regarding: { kind: 'Pod', name: 'web-1', namespace: 'shop', uid: 'uid-web-1', fieldPath: 'spec.containers{app}' },
      note: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      type: 'Warning',
      series: { count: 4, lastObservedTime: '2026-11-21T11:58:30.000000Z' },
    },
    coreEvent('node-2', 'NodeNotReady', 'Node node-2 status is now: NodeNotReady', {
      metadata: { name: 'node-2.nodenotready', namespace: 'default' },
      involvedObject: { kind: 'Node', name: 'node-2', uid: 'node-2' },
      source: { component: 'node-controller' },
      type: 'Normal',
    }),
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db-credentials',
        namespace: 'shop',
        creationTimestamp: '2026-11-01T00:00:00Z',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${SECRET_VALUE}"}}` },
      },
      type: 'Opaque',
      data: { password: SECRET_VALUE, username: 'c2hvcA==' },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', uid: 'uid-web', creationTimestamp: '2026-11-01T00:00:00Z' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'app', image: 'shop/app:1.0' }] } } },
      status: { replicas: 2, readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
    },
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: 'shop-tls', namespace: 'shop', creationTimestamp: '2026-11-01T00:00:00Z' },
      spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'] },
    },
  ];
  const logs = [
    {
      namespace: 'shop',
      pod: 'api-1',
      container: 'api',
      previous: true,
      text: 'starting api 2.3\n2026-11-21T11:57:55.250Z connecting to postgres at db:5432\npanic: dial tcp 10.96.0.12:5432: connect: connection refused\n',
    },
    { namespace: 'shop', pod: 'web-1', container: 'app', previous: false, text: 'listening on :8080\nGET /healthz 200\nGET /healthz 503\n' },
  ];
  const parsed = parseSnapshot({ objects, logs });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.snapshot;
}

/** A replay server over the fixture (or another snapshot), and fetch helpers bound to it. */
export async function serveFixture(options: Partial<ReplayServerOptions> = {}) {
  const server: ReplayServer = await startReplayServer({ snapshot: fixtureSnapshot(), ...options });
  const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, init);
  const json = async (path: string, accept?: string) => {
    const response = await get(path, accept ? { headers: { Accept: accept } } : {});
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  return { server, get, json };
}

export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
