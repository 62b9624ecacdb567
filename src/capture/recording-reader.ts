import type { KubeEvent, KubeObject } from '../core/kube/types.ts';
import type { ClusterReader, ListQuery, LogRequest, ObjectRef, ResourceKind, ResourceOf } from '../core/reader/cluster-reader.ts';
import type { SnapshotLog } from '../snapshot/snapshot.ts';

/**
 * A ClusterReader that passes every read through and keeps what came back, so exactly what a
 * diagnosis saw can be written out as a snapshot and replayed later.
 */
export class RecordingReader implements ClusterReader {
  readonly #inner: ClusterReader;
  readonly #objects = new Map<string, KubeObject>();
  readonly #logs = new Map<string, SnapshotLog>();

  constructor(inner: ClusterReader) {
    this.#inner = inner;
  }

  get source(): string {
    return this.#inner.source;
  }

  get capturedAt(): Date | undefined {
    return this.#inner.capturedAt;
  }

  async get<K extends ResourceKind>(kind: K, name: string, namespace?: string): Promise<ResourceOf<K> | undefined> {
    const object = await this.#inner.get(kind, name, namespace);
    if (object) this.#keep(object, kind);
    return object;
  }

  async list<K extends ResourceKind>(kind: K, query?: ListQuery): Promise<ResourceOf<K>[]> {
    const objects = await this.#inner.list(kind, query);
    for (const object of objects) this.#keep(object, kind);
    return objects;
  }

  async events(about: ObjectRef): Promise<KubeEvent[]> {
    const events = await this.#inner.events(about);
    for (const event of events) this.#keep(event, 'Event');
    return events;
  }

  async logs(request: LogRequest): Promise<string | undefined> {
    const text = await this.#inner.logs(request);
    if (text !== undefined) {
      const key = [request.namespace, request.pod, request.container, request.previous].join('/');
      this.#logs.set(key, { namespace: request.namespace, pod: request.pod, container: request.container, previous: request.previous, text });
    }
    return text;
  }

  /** Everything read so far, each object once. */
  recorded(): { objects: KubeObject[]; logs: SnapshotLog[] } {
    return { objects: [...this.#objects.values()], logs: [...this.#logs.values()] };
  }

  #keep(object: KubeObject, kind: string): void {
    const typed = object.kind ? object : { ...object, kind };
    const meta = typed.metadata;
    this.#objects.set([typed.kind, meta.namespace ?? '', meta.name ?? '', meta.uid ?? ''].join('/'), typed);
  }
}
