import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from '../../src/core/kube/selectors.ts';
import type { Snapshot } from '../../src/snapshot/snapshot.ts';
import { boundLog } from '../../src/snapshot/snapshot-reader.ts';

// A minimal Kubernetes API over a snapshot, on loopback, for the live reader's own tests where
// the replay API server (src/serve, used for the scenario, fault and RBAC tests) cannot go:
// TLS with a given certificate, bearer-token checks, per-request fault decisions. Get and list
// with selectors and limit/continue, both event APIs (each event served in both, as a real
// API server does), pod logs, Status objects for errors, and a record of every request.
// client-node 2.x speaks undici/fetch, which nock cannot intercept: the tests talk real HTTP(S).

type Obj = { kind?: string; apiVersion?: string; metadata: { name?: string; namespace?: string; labels?: Record<string, string> }; [key: string]: unknown };

const RESOURCES: Record<string, { group: string; kind: string; namespaced: boolean }> = {
  pods: { group: '', kind: 'Pod', namespaced: true },
  nodes: { group: '', kind: 'Node', namespaced: false },
  persistentvolumeclaims: { group: '', kind: 'PersistentVolumeClaim', namespaced: true },
  persistentvolumes: { group: '', kind: 'PersistentVolume', namespaced: false },
  configmaps: { group: '', kind: 'ConfigMap', namespaced: true },
  resourcequotas: { group: '', kind: 'ResourceQuota', namespaced: true },
  limitranges: { group: '', kind: 'LimitRange', namespaced: true },
  namespaces: { group: '', kind: 'Namespace', namespaced: false },
  storageclasses: { group: 'storage.k8s.io', kind: 'StorageClass', namespaced: false },
  replicasets: { group: 'apps', kind: 'ReplicaSet', namespaced: true },
  deployments: { group: 'apps', kind: 'Deployment', namespaced: true },
  statefulsets: { group: 'apps', kind: 'StatefulSet', namespaced: true },
  daemonsets: { group: 'apps', kind: 'DaemonSet', namespaced: true },
  jobs: { group: 'batch', kind: 'Job', namespaced: true },
  cronjobs: { group: 'batch', kind: 'CronJob', namespaced: true },
  events: { group: '', kind: 'Event', namespaced: true },
};

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization?: string;
}

export type Fault = { status: number; message?: string } | { stallMs: number } | { reset: true };

export interface LoopbackApiOptions {
  snapshot: Pick<Snapshot, 'objects' | 'logs'>;
  /** Decides, per request, whether to misbehave. */
  fault?: (request: RecordedRequest) => Fault | undefined;
  /** When set, a request whose Authorization header fails this check gets a 401. */
  authorize?: (authorization: string | undefined) => boolean;
  tls?: { key: string; cert: string };
}

export interface LoopbackApi {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startLoopbackApi(options: LoopbackApiOptions): Promise<LoopbackApi> {
  const requests: RecordedRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
    requests.push(recorded);
    if (options.authorize && !options.authorize(req.headers.authorization)) return sendStatus(res, 401, 'Unauthorized', 'Unauthorized');
    const fault = options.fault?.(recorded);
    if (fault && 'reset' in fault) return req.socket.destroy();
    if (fault && 'status' in fault) return sendStatus(res, fault.status, reasonFor(fault.status), fault.message ?? `injected ${fault.status}`);
    const serve = () => route(options.snapshot, recorded, res);
    if (fault && 'stallMs' in fault) setTimeout(serve, fault.stallMs).unref();
    else serve();
  };
  const server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function route(snapshot: LoopbackApiOptions['snapshot'], request: RecordedRequest, res: ServerResponse): void {
  const parts = request.path.split('/').filter(Boolean);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') [group, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, rest] = [parts[1]!, parts.slice(3)];
  else return sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource');
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) [namespace, rest] = [rest[1], rest.slice(2)];
  const [resource = '', name, subresource] = rest;
  const def = RESOURCES[resource];
  const eventsV1 = group === 'events.k8s.io' && resource === 'events';
  if (!def || (def.group !== group && !eventsV1)) return sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource');

  const inScope = (object: Obj) => !def.namespaced || namespace === undefined || (object.metadata.namespace ?? 'default') === namespace;
  const objects = (resource === 'events' ? eventsAs(snapshot.objects as Obj[], eventsV1) : (snapshot.objects as Obj[]).filter((o) => o.kind === def.kind)).filter(inScope);

  if (subresource === 'log' && resource === 'pods' && name) return sendLog(snapshot, objects, namespace ?? 'default', name, request.query, res);
  if (name) {
    const found = objects.find((object) => object.metadata.name === name);
    return found ? sendJson(res, 200, found) : sendStatus(res, 404, 'NotFound', `${resource} "${name}" not found`);
  }
  let selected: Obj[];
  try {
    const labels = parseLabelSelector(request.query.get('labelSelector') ?? undefined);
    const fields = parseFieldSelector(request.query.get('fieldSelector') ?? undefined);
    selected = objects.filter((object) => matchesRequirements(object.metadata.labels, labels) && matchesFields(object, fields));
  } catch (error) {
    return sendStatus(res, 400, 'BadRequest', (error as Error).message);
  }
  // The API server lists in storage-key order: namespace, then name.
  selected.sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  const offset = Number(Buffer.from(request.query.get('continue') ?? '', 'base64url').toString() || 0);
  const limit = Number(request.query.get('limit') ?? 0) || selected.length;
  const page = selected.slice(offset, offset + limit);
  const next = offset + limit < selected.length ? Buffer.from(String(offset + limit)).toString('base64url') : undefined;
  sendJson(res, 200, {
    kind: `${eventsV1 ? 'Event' : def.kind}List`,
    apiVersion: eventsV1 ? 'events.k8s.io/v1' : group ? `${group}/v1` : 'v1',
    metadata: { resourceVersion: '4711', ...(next ? { continue: next } : {}) },
    // Items of a list carry no kind or apiVersion, as from a real API server.
    items: page.map(({ kind: _kind, apiVersion: _apiVersion, ...item }) => item),
  });
}

function sendLog(snapshot: LoopbackApiOptions['snapshot'], pods: Obj[], namespace: string, pod: string, query: URLSearchParams, res: ServerResponse): void {
  if (!pods.some((object) => object.metadata.name === pod)) return sendStatus(res, 404, 'NotFound', `pods "${pod}" not found`);
  const container = query.get('container') ?? '';
  const previous = query.get('previous') === 'true';
  const entry = snapshot.logs.find((log) => log.namespace === namespace && log.pod === pod && log.container === container && log.previous === previous);
  if (!entry) {
    // The kubelet's words for a container without output, relayed by the API server as a 400.
    const message = previous ? `previous terminated container "${container}" in pod "${pod}" not found` : `container "${container}" in pod "${pod}" is waiting to start: ContainerCreating`;
    return sendStatus(res, 400, 'BadRequest', message);
  }
  const tail = query.get('tailLines');
  const limit = query.get('limitBytes');
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(boundLog(entry.text, tail === null ? undefined : Number(tail), limit === null ? undefined : Number(limit)));
}

/** Every stored event in the shape of the API asked: the API server converts between the two. */
function eventsAs(objects: Obj[], eventsV1: boolean): Obj[] {
  return objects.filter((o) => o.kind === 'Event').map((event) => {
    const isV1 = (event.apiVersion ?? '').startsWith('events.k8s.io');
    if (isV1 === eventsV1) return event;
    const e = event as Record<string, unknown> & Obj;
    return (eventsV1
      ? { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: e.metadata, eventTime: e.eventTime ?? null, series: e.series, reportingController: e.reportingComponent, reportingInstance: e.reportingInstance, action: e.action, reason: e.reason, regarding: e.involvedObject, related: e.related, note: e.message, type: e.type, deprecatedSource: e.source, deprecatedFirstTimestamp: e.firstTimestamp, deprecatedLastTimestamp: e.lastTimestamp, deprecatedCount: e.count }
      : { apiVersion: 'v1', kind: 'Event', metadata: e.metadata, involvedObject: e.regarding, reason: e.reason, message: e.note, source: e.deprecatedSource, firstTimestamp: e.deprecatedFirstTimestamp, lastTimestamp: e.deprecatedLastTimestamp, count: e.deprecatedCount, type: e.type, eventTime: e.eventTime, series: e.series, action: e.action, related: e.related, reportingComponent: e.reportingController, reportingInstance: e.reportingInstance }) as Obj;
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function sendStatus(res: ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function reasonFor(status: number): string {
  return ({ 400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 429: 'TooManyRequests', 500: 'InternalError', 503: 'ServiceUnavailable', 504: 'Timeout' } as Record<number, string>)[status] ?? 'Unknown';
}
