import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadFailure } from '../../src/core/reader/cluster-reader.ts';
import { createLiveReader } from '../../src/live/create-live-reader.ts';
import { kubeconfigFor, readerFor } from './live-support.ts';
import { startLoopbackApi, type LoopbackApi, type LoopbackApiOptions } from './loopback-api-server.ts';

const uid = 'c0ffee00-0000-4000-8000-000000000001';
const pod = (name: string, podUid: string, labels: Record<string, string> = { app: 'api' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', uid: podUid, labels, creationTimestamp: '2025-03-01T10:00:00Z' },
  spec: { nodeName: 'node-1', containers: [{ name: 'api', image: 'shop/api:1.4.2' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'api', restartCount: 3, ready: false }] },
});
const coreEvent = (name: string, involved: Record<string, string>, reason: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: involved.namespace ?? 'default', uid: `uid-${name}`, creationTimestamp: '2025-03-01T10:05:00Z' },
  involvedObject: involved,
  reason,
  message: `${reason} happened`,
  type: 'Warning',
  count: 2,
  firstTimestamp: '2025-03-01T10:01:00Z',
  lastTimestamp: '2025-03-01T10:05:00Z',
  source: { component: 'kubelet', host: 'node-1' },
  ...extra,
});

const SNAPSHOT: LoopbackApiOptions['snapshot'] = {
  objects: [
    pod('api-1', uid),
    ...['api-2', 'api-3', 'api-4', 'api-5', 'web-1', 'web-2'].map((name, index) => pod(name, `uid-pod-${index}`, { app: name.split('-')[0]! })),
    { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: 'node-uid-1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } },
    coreEvent('api-1.1', { kind: 'Pod', namespace: 'shop', name: 'api-1', uid }, 'BackOff'),
    // An earlier pod of the same name: its events are not about this one.
    coreEvent('api-1.0', { kind: 'Pod', namespace: 'shop', name: 'api-1', uid: 'an-older-pod' }, 'Killing'),
    coreEvent('api-2.1', { kind: 'Pod', namespace: 'shop', name: 'api-2', uid: 'uid-pod-0' }, 'BackOff'),
    {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'api-1.2', namespace: 'shop', uid: 'uid-api-1.2', creationTimestamp: '2025-03-01T10:06:00Z' },
      eventTime: '2025-03-01T10:06:00.123456Z',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      action: 'Killing',
      reason: 'Unhealthy',
      regarding: { kind: 'Pod', namespace: 'shop', name: 'api-1', uid },
      note: 'Liveness probe failed: HTTP probe failed with statuscode: 503',
      type: 'Warning',
    },
    // The kubelet records node events in "default", with the node name as uid.
    coreEvent('node-1.1', { kind: 'Node', name: 'node-1', uid: 'node-1' }, 'NodeHasDiskPressure'),
  ],
  logs: [
    { namespace: 'shop', pod: 'api-1', container: 'api', previous: true, text: 'line 1\nline 2\nline 3\npanic: boom\n' },
    { namespace: 'shop', pod: 'api-1', container: 'api', previous: false, text: 'starting\n' },
  ],
};

let api: LoopbackApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function serve(options: Partial<LoopbackApiOptions> = {}): Promise<LoopbackApi> {
  api = await startLoopbackApi({ snapshot: SNAPSHOT, ...options });
  return api;
}

async function failureOf(read: Promise<unknown>): Promise<ReadFailure> {
  const error = await read.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ReadFailure);
  return error as ReadFailure;
}

describe('live reader: reads', () => {
  it('gets an object with its kind, and undefined (not an error) for one that does not exist', async () => {
    const { url } = await serve();
    const reader = readerFor(url);
    expect((await reader.get('Pod', 'api-1', 'shop'))?.metadata.uid).toBe(uid);
    expect(await reader.get('Pod', 'api-9', 'shop')).toBeUndefined();
    expect((await reader.get('Node', 'node-1'))?.kind).toBe('Node');
  });

  it('pages through a list with limit and continue, and gives items back their kind', async () => {
    const { url, requests } = await serve();
    const pods = await readerFor(url, { pageSize: 3 }).list('Pod', { namespace: 'shop', labelSelector: 'app=api' });
    expect(pods.map((p) => p.metadata.name)).toEqual(['api-1', 'api-2', 'api-3', 'api-4', 'api-5']);
    expect(pods.every((p) => p.kind === 'Pod' && p.apiVersion === 'v1')).toBe(true);
    const pages = requests.filter((r) => r.path === '/api/v1/namespaces/shop/pods');
    expect(pages.map((r) => [r.query.get('limit'), r.query.has('continue'), r.query.get('labelSelector')])).toEqual([
      ['3', false, 'app=api'],
      ['3', true, 'app=api'],
    ]);
  });

  it('lists across all namespaces when no namespace is given', async () => {
    const { url, requests } = await serve();
    await readerFor(url).list('Pod', { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' });
    expect(requests.at(-1)?.path).toBe('/api/v1/pods');
  });

  it("reads a pod's events from both event APIs by field selector, once each, without an older pod's", async () => {
    const { url, requests } = await serve();
    const events = await readerFor(url).events({ kind: 'Pod', name: 'api-1', namespace: 'shop', uid });
    expect(events.map((e) => e.metadata.name).sort()).toEqual(['api-1.1', 'api-1.2']);
    expect(requests.map((r) => `${r.path}?${r.query.get('fieldSelector')}`)).toEqual([
      '/api/v1/namespaces/shop/events?involvedObject.kind=Pod,involvedObject.name=api-1',
      '/apis/events.k8s.io/v1/namespaces/shop/events?regarding.kind=Pod,regarding.name=api-1',
    ]);
  });

  it("reads a node's events across namespaces, where the kubelet puts them", async () => {
    const { url, requests } = await serve();
    const events = await readerFor(url).events({ kind: 'Node', name: 'node-1' });
    expect(events.map((e) => e.reason)).toEqual(['NodeHasDiskPressure']);
    expect(requests.map((r) => r.path)).toEqual(['/api/v1/events', '/apis/events.k8s.io/v1/events']);
  });

  it('still has the events when one of the two event APIs fails', async () => {
    const { url } = await serve({ fault: (r) => (r.path.startsWith('/apis/events.k8s.io') ? { status: 404 } : undefined) });
    const events = await readerFor(url).events({ kind: 'Pod', name: 'api-1', namespace: 'shop', uid });
    expect(events.map((e) => e.reason).sort()).toEqual(['BackOff', 'Unhealthy']);
  });

  it('bounds logs with tailLines and limitBytes, and reads "no previous container" as no logs', async () => {
    const { url, requests } = await serve();
    const reader = readerFor(url);
    expect(await reader.logs({ namespace: 'shop', pod: 'api-1', container: 'api', previous: true, tailLines: 2, limitBytes: 1000 })).toBe('line 3\npanic: boom\n');
    expect(requests.at(-1)?.query.toString()).toBe('container=api&limitBytes=1000&previous=true&tailLines=2');
    expect(await reader.logs({ namespace: 'shop', pod: 'api-2', container: 'api', previous: true })).toBeUndefined();
  });
});

describe('live reader: failures become ReadFailures named in RBAC terms', () => {
  it('403: names the verb and resource RBAC denied and points to the ClusterRole', async () => {
    const message = 'pods "api-1" is forbidden: User "system:serviceaccount:ops:k8s-why" cannot get resource "pods/log" in API group "" in the namespace "shop"';
    const { url } = await serve({ fault: (r) => (r.path.endsWith('/log') ? { status: 403, message } : undefined) });
    const failure = await failureOf(readerFor(url).logs({ namespace: 'shop', pod: 'api-1', container: 'api', previous: false }));
    expect(failure.code).toBe('forbidden');
    expect(failure.what).toBe('get pods/log api-1 in shop');
    expect(failure.message).toContain('"get" on "pods/log" in API group ""');
    expect(failure.message).toContain('infra/k8s/rbac.yaml');
    expect(failure.message).toContain('system:serviceaccount:ops:k8s-why');
  });

  it('403 on listing events across both APIs: "list events in shop"', async () => {
    const { url } = await serve({ fault: (r) => (r.path.endsWith('/events') ? { status: 403 } : undefined) });
    const failure = await failureOf(readerFor(url).events({ kind: 'Pod', name: 'api-1', namespace: 'shop' }));
    expect([failure.code, failure.what]).toEqual(['forbidden', 'list events in shop']);
  });

  it('401: the credentials were rejected', async () => {
    const { url } = await serve({ authorize: (header) => header === 'Bearer the-right-token' });
    const failure = await failureOf(readerFor(url).get('Pod', 'api-1', 'shop'));
    expect([failure.code, failure.what]).toEqual(['unauthorized', 'get pods api-1 in shop']);
    expect(failure.message).toContain('rejected the credentials');
  });

  it('5xx: unavailable, with what the server said', async () => {
    const { url } = await serve({ fault: () => ({ status: 503, message: 'etcdserver: leader changed' }) });
    const failure = await failureOf(readerFor(url).list('Deployment', { namespace: 'shop' }));
    expect([failure.code, failure.what]).toEqual(['unavailable', 'list deployments.apps in shop']);
    expect(failure.message).toContain('etcdserver: leader changed');
  });

  it('a request that stalls past the per-request timeout is a timeout, and the stall does not hold the caller', async () => {
    const { url } = await serve({ fault: (r) => (r.path.includes('/nodes') ? { stallMs: 5_000 } : undefined) });
    const started = Date.now();
    const failure = await failureOf(readerFor(url, { requestTimeoutMs: 300 }).get('Node', 'node-1'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect([failure.code, failure.what]).toEqual(['timeout', 'get nodes node-1']);
    expect(failure.message).toContain('0.3s');
  });

  it('once the budget is spent, later reads fail at once as timeouts', async () => {
    const { url, requests } = await serve({ fault: () => ({ stallMs: 5_000 }) });
    const reader = readerFor(url, { requestTimeoutMs: 5_000, budgetMs: 300 });
    expect((await failureOf(reader.get('Pod', 'api-1', 'shop'))).message).toContain('budget');
    const started = Date.now();
    const later = await failureOf(reader.list('Node'));
    expect(Date.now() - started).toBeLessThan(100);
    expect([later.code, later.what]).toEqual(['timeout', 'list nodes']);
    expect(requests).toHaveLength(1);
  });

  it('a reset connection is unavailable', async () => {
    const { url } = await serve({ fault: () => ({ reset: true }) });
    expect((await failureOf(readerFor(url).get('Pod', 'api-1', 'shop'))).code).toBe('unavailable');
  });

  it('connection refused names the server', async () => {
    const { url } = await serve();
    await api!.close();
    api = undefined;
    const failure = await failureOf(readerFor(url).get('Pod', 'api-1', 'shop'));
    expect(failure.code).toBe('unavailable');
    expect(failure.message).toContain(`connection refused by ${url}`);
  });
});

describe('live reader over TLS', () => {
  const tls = (file: string) => readFileSync(join(import.meta.dirname, 'fixtures/tls', file), 'utf8');

  it("trusts the server with the kubeconfig's CA", async () => {
    const { url } = await serve({ tls: { key: tls('server-key.pem'), cert: tls('server.pem') } });
    const reader = createLiveReader(kubeconfigFor(url, 'token', tls('ca.pem')), 'cluster tls');
    expect((await reader.get('Pod', 'api-1', 'shop'))?.metadata.name).toBe('api-1');
  });

  it('refuses a server whose certificate another CA signed, and says it is a TLS problem', async () => {
    const { url } = await serve({ tls: { key: tls('server-key.pem'), cert: tls('server.pem') } });
    const reader = createLiveReader(kubeconfigFor(url, 'token', tls('other-ca.pem')), 'cluster tls');
    const failure = await failureOf(reader.get('Pod', 'api-1', 'shop'));
    expect(failure.code).toBe('unreadable');
    expect(failure.message).toMatch(/TLS with https:\/\/127\.0\.0\.1:\d+ failed \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/);
    expect(failure.message).toContain('certificate-authority-data');
  });
});
