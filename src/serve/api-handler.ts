import type { KubeObject } from '../core/kube/types.ts';
import { groupVersionOf, type ApiResource } from './api-resources.ts';
import { badRequest, methodNotAllowed, notFound, statusResponse, unknownResource, type ApiResponse } from './api-status.ts';
import { negotiate, type Wanted } from './content-negotiation.ts';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, versionInfo } from './discovery.ts';
import { isListPage, listPage, type ListPage } from './list-query.ts';
import type { ObjectStore } from './object-store.ts';
import { podLog } from './pod-logs.ts';
import { parseRoute, type ResourceTarget } from './request-route.ts';
import { printerFor } from './tables/printers.ts';
import { partialMetadata, toTable, type IncludeObject } from './tables/table.ts';

export interface ApiRequest {
  method: string;
  url: URL;
  accept?: string;
  /** host:port the client used, echoed in /api as the server address. */
  host: string;
}

/** The read-only Kubernetes API over a snapshot: one request in, one answer out, no I/O. */
export async function answerApiRequest(store: ObjectStore, request: ApiRequest): Promise<ApiResponse> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed();
  const route = parseRoute(request.url.pathname);
  const found = (body: unknown) => (body === undefined ? unknownResource() : { status: 200, body });
  switch (route.type) {
    case 'version':
      return found(versionInfo(store));
    case 'health':
      return { status: 200, body: 'ok', contentType: 'text/plain; charset=utf-8' };
    case 'api-versions':
      return found(apiVersions(request.host));
    case 'group-list':
      return found(apiGroupList(store.resources));
    case 'group':
      return found(apiGroup(route.group, store.resources));
    case 'resource-list':
      return found(apiResourceList(route.group, route.version, store.resources));
    case 'unknown-api':
      return unknownResource();
    case 'not-api':
      return { status: 404, body: '404 page not found\n', contentType: 'text/plain' };
    case 'resource':
      return answerResource(store, route, request);
  }
}

async function answerResource(store: ObjectStore, target: ResourceTarget, request: ApiRequest): Promise<ApiResponse> {
  const resource = store.resource(target.group, target.version, target.plural);
  // A namespaced path to a cluster-scoped resource, or an object path without its namespace, is no route at all.
  if (!resource || (target.namespace !== undefined && !resource.namespaced) || (resource.namespaced && target.name && target.namespace === undefined)) {
    return unknownResource();
  }
  const query = request.url.searchParams;
  if (target.subresource) {
    if (target.subresource !== 'log' || resource.kind !== 'Pod' || resource.group) return unknownResource();
    const numbers = intParams(query, ['tailLines', 'limitBytes', 'sinceSeconds']);
    if ('error' in numbers) return badRequest(numbers.error);
    return podLog(store, target.namespace!, target.name!, {
      container: query.get('container') || undefined,
      previous: isTrue(query.get('previous')),
      timestamps: isTrue(query.get('timestamps')),
      sinceTime: query.get('sinceTime') || undefined,
      ...numbers,
    });
  }
  if (isTrue(query.get('watch'))) {
    return statusResponse(405, 'watch is not served: a replayed snapshot never changes, so there is nothing to watch');
  }
  const wanted = negotiate(request.accept);
  if (wanted.as === 'unacceptable') {
    return statusResponse(406, 'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io');
  }
  const includeObject = (query.get('includeObject') ?? 'Metadata') as IncludeObject;
  if (target.name) {
    const object = store.get(resource, target.name, target.namespace);
    if (!object) return notFound(target);
    return { status: 200, body: shaped(store, resource, wanted, includeObject, [object], { resourceVersion: object.metadata.resourceVersion ?? '' }, true) };
  }
  const numbers = intParams(query, ['limit']);
  if ('error' in numbers) return badRequest(numbers.error);
  const page = listPage(store, resource, target.namespace, {
    labelSelector: query.get('labelSelector') ?? undefined,
    fieldSelector: query.get('fieldSelector') ?? undefined,
    continue: query.get('continue') ?? undefined,
    limit: numbers.limit,
  });
  if (!isListPage(page)) return page;
  return { status: 200, body: shaped(store, resource, wanted, includeObject, page.items, page.metadata, false) };
}

function shaped(store: ObjectStore, resource: ApiResource, wanted: Wanted, includeObject: IncludeObject, items: KubeObject[], metadata: ListPage['metadata'], single: boolean): unknown {
  if (wanted.as === 'Table') {
    return toTable({ printer: printerFor(resource), items, metadata, includeObject, version: wanted.version, now: store.moment.getTime() });
  }
  if (wanted.as === 'PartialObjectMetadata') {
    if (single) return partialMetadata(items[0]!, wanted.version);
    return { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${wanted.version}`, metadata, items: items.map((item) => partialMetadata(item, wanted.version)) };
  }
  if (single) return items[0];
  // Items of a built-in list carry no kind or apiVersion of their own (the list names them
  // once); a custom resource's items keep theirs. Clients must cope with both, as with a real server.
  return {
    kind: `${resource.kind}List`,
    apiVersion: groupVersionOf(resource),
    metadata,
    items: resource.custom ? items : items.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest),
  };
}

function isTrue(value: string | null): boolean {
  return value === 'true' || value === '1';
}

function intParams<K extends string>(query: URLSearchParams, names: K[]): Partial<Record<K, number>> | { error: string } {
  const out: Partial<Record<K, number>> = {};
  for (const name of names) {
    const raw = query.get(name);
    if (raw === null || raw === '') continue;
    if (!/^-?\d+$/.test(raw)) return { error: `strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax` };
    out[name] = Number(raw);
  }
  return out;
}
