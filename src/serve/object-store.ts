import type { CoreEvent, KubeObject } from '../core/kube/types.ts';
import type { Snapshot } from '../snapshot/snapshot.ts';
import { SnapshotReader } from '../snapshot/snapshot-reader.ts';
import { groupVersionOf, resourcesFor, type ApiResource } from './api-resources.ts';
import { isEventsV1, toCoreEvent, toEventsV1 } from './event-shapes.ts';

/**
 * The snapshot as the API server's storage: every object filed under the resource that serves
 * it, in the order etcd keys sort (namespace, then name), in the shape that endpoint returns.
 */
export class ObjectStore {
  readonly resources: readonly ApiResource[];
  readonly reader: SnapshotReader;
  /** The list resourceVersion: the newest one recorded in the snapshot. */
  readonly resourceVersion: string;
  /** "Now" for ages in tables and log timestamps: the moment the snapshot describes. */
  readonly moment: Date;
  readonly #byResource = new Map<string, KubeObject[]>();

  constructor(snapshot: Snapshot, reader = new SnapshotReader(snapshot, 'replay')) {
    const objects = snapshot.objects as KubeObject[];
    this.reader = reader;
    this.resources = resourcesFor(objects);
    this.moment = reader.capturedAt ?? new Date();
    this.resourceVersion = String(
      objects.reduce((max, object) => Math.max(max, Number(object.metadata.resourceVersion) || 0), 0) || 1,
    );
    const coreEvents = this.resources.find((r) => r.kind === 'Event' && !r.group)!;
    for (const kind of new Set(objects.map((object) => object.kind ?? ''))) {
      for (const object of reader.all(kind)) {
        const resource = kind === 'Event' ? coreEvents : this.#resourceOf(object);
        if (resource) this.#file(resource, servedShape(object, kind));
      }
    }
    // events.k8s.io/v1 is a second view of the same events.
    const eventsV1 = this.resources.find((r) => r.kind === 'Event' && r.group === 'events.k8s.io')!;
    this.#byResource.set(keyOf(eventsV1), this.list(coreEvents).map((event) => toEventsV1(event as CoreEvent)));
    for (const list of this.#byResource.values()) list.sort((a, b) => compareKeys(storageKey(a), storageKey(b)));
  }

  /** The resource a request path names, if this server has it at that group and version. */
  resource(group: string, version: string, plural: string): ApiResource | undefined {
    return this.resources.find((r) => r.group === group && r.version === version && r.plural === plural);
  }

  /** Every object of a resource in storage order; namespaced lists may be narrowed to one namespace. */
  list(resource: ApiResource, namespace?: string): KubeObject[] {
    const all = this.#byResource.get(keyOf(resource)) ?? [];
    return namespace && resource.namespaced ? all.filter((object) => (object.metadata.namespace ?? 'default') === namespace) : all;
  }

  get(resource: ApiResource, name: string, namespace?: string): KubeObject | undefined {
    return this.list(resource, namespace).find((object) => object.metadata.name === name);
  }

  /** Its own group's resource, else the built-in one of that kind (an extensions/v1beta1 Deployment is served by apps/v1). */
  #resourceOf(object: KubeObject): ApiResource | undefined {
    const group = object.apiVersion?.includes('/') ? object.apiVersion.split('/')[0] : '';
    return this.resources.find((r) => r.kind === object.kind && r.group === group) ?? this.resources.find((r) => r.kind === object.kind);
  }

  #file(resource: ApiResource, object: KubeObject): void {
    const key = keyOf(resource);
    const list = this.#byResource.get(key) ?? [];
    // The API server always records the namespace; a hand-written snapshot may leave "default" implied.
    const metadata = resource.namespaced && !object.metadata.namespace ? { ...object.metadata, namespace: 'default' } : object.metadata;
    list.push({ ...object, apiVersion: groupVersionOf(resource), kind: resource.kind, metadata });
    this.#byResource.set(key, list);
  }
}

function keyOf(resource: ApiResource): string {
  return `${resource.group}/${resource.plural}`;
}

/** "namespace/name", or "name" for cluster-scoped objects: the order lists come back in. */
export function storageKey(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name ?? ''}` : (object.metadata.name ?? '');
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function servedShape(object: KubeObject, kind: string): KubeObject {
  if (kind === 'Event' && isEventsV1(object)) return toCoreEvent(object);
  if (kind === 'Secret') return redactSecret(object);
  return object;
}

/**
 * Secrets keep their keys and lose their values, even if a snapshot carried some: the replay
 * server must never be the way a credential leaks out of an incident file. The last-applied
 * annotation repeats the values, so it goes too.
 */
export function redactSecret(secret: KubeObject): KubeObject {
  const { stringData: _stringData, data, metadata, ...rest } = secret as KubeObject & { data?: Record<string, string>; stringData?: unknown };
  const annotations = { ...metadata.annotations };
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  return {
    ...rest,
    metadata: { ...metadata, ...(metadata.annotations ? { annotations } : {}) },
    ...(data ? { data: Object.fromEntries(Object.keys(data).map((key) => [key, ''])) } : {}),
  };
}
