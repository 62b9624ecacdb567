import type {
  CronJob,
  KeyedObject,
  KubeEvent,
  KubeNode,
  LimitRange,
  Namespace,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ResourceQuota,
  StorageClass,
  Workload,
} from '../kube/types.ts';

/**
 * The port through which the core reads a cluster. A snapshot file implements it, and so does
 * the live API reader; the core cannot tell them apart. Every method is a read: the bot never
 * writes to a cluster. Secrets are deliberately absent: the bot has no RBAC for them.
 */
export interface ClusterReader {
  /** Where facts come from, for the answer's context line: "snapshot incident.json", "cluster prod". */
  readonly source: string;
  /**
   * The moment the facts describe. A snapshot knows it (its last recorded timestamp), so "2m ago"
   * stays true when an incident is replayed next week; a live reader leaves it to the wall clock.
   */
  readonly capturedAt?: Date;
  get<K extends ResourceKind>(kind: K, name: string, namespace?: string): Promise<ResourceOf<K> | undefined>;
  list<K extends ResourceKind>(kind: K, query?: ListQuery): Promise<ResourceOf<K>[]>;
  /** Events about one object, from core/v1 and events.k8s.io/v1 alike. */
  events(about: ObjectRef): Promise<KubeEvent[]>;
  /** Container output; undefined when there is none (e.g. no previous instance). */
  logs(request: LogRequest): Promise<string | undefined>;
}

export interface ResourceTypes {
  Pod: Pod;
  Node: KubeNode;
  PersistentVolumeClaim: PersistentVolumeClaim;
  PersistentVolume: PersistentVolume;
  StorageClass: StorageClass;
  ReplicaSet: Workload;
  Deployment: Workload;
  StatefulSet: Workload;
  DaemonSet: Workload;
  Job: Workload;
  CronJob: CronJob;
  ConfigMap: KeyedObject;
  ResourceQuota: ResourceQuota;
  LimitRange: LimitRange;
  Namespace: Namespace;
}

export type ResourceKind = keyof ResourceTypes;
export type ResourceOf<K extends ResourceKind> = ResourceTypes[K];

export const CLUSTER_SCOPED_KINDS: ReadonlySet<ResourceKind> = new Set([
  'Node',
  'PersistentVolume',
  'StorageClass',
  'Namespace',
]);

export interface ListQuery {
  /** Omitted: all namespaces (or a cluster-scoped kind). */
  namespace?: string;
  /** Equality-based label selector as kubectl writes it: "app=web,tier=api". */
  labelSelector?: string;
  /** Equality-based field selector: "spec.nodeName=node-1". */
  fieldSelector?: string;
}

export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
  uid?: string;
}

export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  /** Bounds that keep a chatty container from filling memory. */
  tailLines?: number;
  limitBytes?: number;
}

export type ReadFailureCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'timeout'
  | 'unavailable'
  | 'bad-request'
  | 'unreadable';

/**
 * What a reader throws when a read fails. `what` names the read in RBAC terms ("list events
 * in shop") so the gap shown to a person says exactly what could not be read.
 */
export class ReadFailure extends Error {
  readonly code: ReadFailureCode;
  readonly what: string;
  constructor(code: ReadFailureCode, what: string, detail: string) {
    super(`${what}: ${detail}`);
    this.name = 'ReadFailure';
    this.code = code;
    this.what = what;
  }
}
