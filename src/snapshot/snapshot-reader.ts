import { eventSubject } from '../core/events/timeline.ts';
import type { KubeEvent, KubeObject } from '../core/kube/types.ts';
import {
  CLUSTER_SCOPED_KINDS,
  type ClusterReader,
  type ListQuery,
  type LogRequest,
  type ObjectRef,
  type ResourceKind,
  type ResourceOf,
} from '../core/reader/cluster-reader.ts';
import { matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector } from '../core/kube/selectors.ts';
import type { Snapshot, SnapshotLog } from './snapshot.ts';
import { snapshotMoment } from './snapshot-moment.ts';

/**
 * A ClusterReader over a snapshot held in memory: answers what the API server would have
 * answered when the snapshot was taken, selectors and log bounds included.
 */
export class SnapshotReader implements ClusterReader {
  readonly source: string;
  readonly capturedAt?: Date;
  readonly #byKind = new Map<string, KubeObject[]>();
  readonly #logs: SnapshotLog[];

  constructor(snapshot: Snapshot, source: string) {
    this.source = source;
    this.capturedAt = snapshotMoment(snapshot);
    for (const object of snapshot.objects as KubeObject[]) {
      const kind = object.kind ?? '';
      const bucket = this.#byKind.get(kind) ?? [];
      bucket.push(object);
      this.#byKind.set(kind, bucket);
    }
    this.#logs = snapshot.logs;
  }

  /** Every object of a kind, for tools that serve the whole snapshot (the replay API server). */
  all(kind: string): readonly KubeObject[] {
    return this.#byKind.get(kind) ?? [];
  }

  async get<K extends ResourceKind>(kind: K, name: string, namespace?: string): Promise<ResourceOf<K> | undefined> {
    const scoped = CLUSTER_SCOPED_KINDS.has(kind);
    const found = this.all(kind).find(
      (object) => object.metadata.name === name && (scoped || (object.metadata.namespace ?? 'default') === namespace),
    );
    return found as ResourceOf<K> | undefined;
  }

  async list<K extends ResourceKind>(kind: K, query: ListQuery = {}): Promise<ResourceOf<K>[]> {
    const labels = parseLabelSelector(query.labelSelector);
    const fields = parseFieldSelector(query.fieldSelector);
    const scoped = CLUSTER_SCOPED_KINDS.has(kind);
    return this.all(kind).filter(
      (object) =>
        (scoped || query.namespace === undefined || (object.metadata.namespace ?? 'default') === query.namespace) &&
        matchesRequirements(object.metadata.labels, labels) &&
        matchesFields(object, fields),
    ) as ResourceOf<K>[];
  }

  async events(about: ObjectRef): Promise<KubeEvent[]> {
    return (this.all('Event') as KubeEvent[]).filter((event) => {
      const subject = eventSubject(event);
      if (!subject || subject.name !== about.name) return false;
      if (subject.kind && subject.kind !== about.kind) return false;
      if (about.namespace && subject.namespace && subject.namespace !== about.namespace) return false;
      // A uid tells this pod from an earlier one of the same name (StatefulSets reuse names).
      return !(about.uid && subject.uid && subject.uid !== about.uid);
    });
  }

  async logs(request: LogRequest): Promise<string | undefined> {
    const entry = this.#logs.find(
      (log) =>
        log.namespace === request.namespace &&
        log.pod === request.pod &&
        log.container === request.container &&
        log.previous === request.previous,
    );
    if (!entry) return undefined;
    return boundLog(entry.text, request.tailLines, request.limitBytes);
  }
}

/** tailLines first, then limitBytes from the start of what is left: the kubelet's order. */
export function boundLog(text: string, tailLines?: number, limitBytes?: number): string {
  let result = text;
  if (tailLines !== undefined && tailLines >= 0) {
    const lines = result.split('\n');
    const trailingNewline = lines.at(-1) === '';
    if (trailingNewline) lines.pop();
    result = lines.slice(Math.max(0, lines.length - tailLines)).join('\n') + (trailingNewline && tailLines > 0 ? '\n' : '');
  }
  if (limitBytes !== undefined && limitBytes >= 0) {
    const bytes = Buffer.from(result, 'utf8');
    if (bytes.length > limitBytes) result = bytes.subarray(0, limitBytes).toString('utf8');
  }
  return result;
}
