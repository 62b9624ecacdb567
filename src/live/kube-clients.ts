import {
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  EventsV1Api,
  StorageV1Api,
  type ConfigurationOptions,
  type KubeConfig,
  type ObservableMiddleware,
} from '@kubernetes/client-node';
import type { ResourceKind } from '../core/reader/cluster-reader.ts';

/** The typed API groups a diagnosis reads, all over one kubeconfig. */
export interface KubeClients {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  storage: StorageV1Api;
  events: EventsV1Api;
}

export function makeKubeClients(config: KubeConfig): KubeClients {
  return {
    core: config.makeApiClient(CoreV1Api),
    apps: config.makeApiClient(AppsV1Api),
    batch: config.makeApiClient(BatchV1Api),
    storage: config.makeApiClient(StorageV1Api),
    events: config.makeApiClient(EventsV1Api),
  };
}

export type CallOptions = ConfigurationOptions<ObservableMiddleware>;

export interface ListParams {
  labelSelector?: string;
  fieldSelector?: string;
  limit: number;
  _continue?: string;
}

/** How one kind is read: its RBAC coordinates and the typed calls that get and list it. */
export interface ResourceDef {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  get(clients: KubeClients, name: string, namespace: string | undefined, options: CallOptions): Promise<unknown>;
  /** namespace undefined: across all namespaces (or the whole cluster, for cluster-scoped kinds). */
  list(clients: KubeClients, namespace: string | undefined, params: ListParams, options: CallOptions): Promise<unknown>;
}

function namespaced(
  group: string,
  version: string,
  resource: string,
  get: ResourceDef['get'],
  listIn: (clients: KubeClients, namespace: string, params: ListParams, options: CallOptions) => Promise<unknown>,
  listAll: (clients: KubeClients, params: ListParams, options: CallOptions) => Promise<unknown>,
): ResourceDef {
  return {
    group,
    version,
    resource,
    namespaced: true,
    get,
    list: (clients, namespace, params, options) => (namespace === undefined ? listAll(clients, params, options) : listIn(clients, namespace, params, options)),
  };
}

function clusterScoped(group: string, version: string, resource: string, get: ResourceDef['get'], list: (clients: KubeClients, params: ListParams, options: CallOptions) => Promise<unknown>): ResourceDef {
  return { group, version, resource, namespaced: false, get, list: (clients, _namespace, params, options) => list(clients, params, options) };
}

// Every kind the ClusterReader port names, mapped to client-node's typed calls. A namespaced
// get always has a namespace: the core passes one for every namespaced kind.
export const RESOURCES: Record<ResourceKind, ResourceDef> = {
  Pod: namespaced('', 'v1', 'pods',
    (c, name, namespace, o) => c.core.readNamespacedPod({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.core.listNamespacedPod({ namespace, ...p }, o),
    (c, p, o) => c.core.listPodForAllNamespaces(p, o)),
  Node: clusterScoped('', 'v1', 'nodes',
    (c, name, _namespace, o) => c.core.readNode({ name }, o),
    (c, p, o) => c.core.listNode(p, o)),
  PersistentVolumeClaim: namespaced('', 'v1', 'persistentvolumeclaims',
    (c, name, namespace, o) => c.core.readNamespacedPersistentVolumeClaim({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.core.listNamespacedPersistentVolumeClaim({ namespace, ...p }, o),
    (c, p, o) => c.core.listPersistentVolumeClaimForAllNamespaces(p, o)),
  PersistentVolume: clusterScoped('', 'v1', 'persistentvolumes',
    (c, name, _namespace, o) => c.core.readPersistentVolume({ name }, o),
    (c, p, o) => c.core.listPersistentVolume(p, o)),
  StorageClass: clusterScoped('storage.k8s.io', 'v1', 'storageclasses',
    (c, name, _namespace, o) => c.storage.readStorageClass({ name }, o),
    (c, p, o) => c.storage.listStorageClass(p, o)),
  ReplicaSet: namespaced('apps', 'v1', 'replicasets',
    (c, name, namespace, o) => c.apps.readNamespacedReplicaSet({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.apps.listNamespacedReplicaSet({ namespace, ...p }, o),
    (c, p, o) => c.apps.listReplicaSetForAllNamespaces(p, o)),
  Deployment: namespaced('apps', 'v1', 'deployments',
    (c, name, namespace, o) => c.apps.readNamespacedDeployment({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.apps.listNamespacedDeployment({ namespace, ...p }, o),
    (c, p, o) => c.apps.listDeploymentForAllNamespaces(p, o)),
  StatefulSet: namespaced('apps', 'v1', 'statefulsets',
    (c, name, namespace, o) => c.apps.readNamespacedStatefulSet({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.apps.listNamespacedStatefulSet({ namespace, ...p }, o),
    (c, p, o) => c.apps.listStatefulSetForAllNamespaces(p, o)),
  DaemonSet: namespaced('apps', 'v1', 'daemonsets',
    (c, name, namespace, o) => c.apps.readNamespacedDaemonSet({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.apps.listNamespacedDaemonSet({ namespace, ...p }, o),
    (c, p, o) => c.apps.listDaemonSetForAllNamespaces(p, o)),
  Job: namespaced('batch', 'v1', 'jobs',
    (c, name, namespace, o) => c.batch.readNamespacedJob({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.batch.listNamespacedJob({ namespace, ...p }, o),
    (c, p, o) => c.batch.listJobForAllNamespaces(p, o)),
  CronJob: namespaced('batch', 'v1', 'cronjobs',
    (c, name, namespace, o) => c.batch.readNamespacedCronJob({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.batch.listNamespacedCronJob({ namespace, ...p }, o),
    (c, p, o) => c.batch.listCronJobForAllNamespaces(p, o)),
  ConfigMap: namespaced('', 'v1', 'configmaps',
    (c, name, namespace, o) => c.core.readNamespacedConfigMap({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.core.listNamespacedConfigMap({ namespace, ...p }, o),
    (c, p, o) => c.core.listConfigMapForAllNamespaces(p, o)),
  ResourceQuota: namespaced('', 'v1', 'resourcequotas',
    (c, name, namespace, o) => c.core.readNamespacedResourceQuota({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.core.listNamespacedResourceQuota({ namespace, ...p }, o),
    (c, p, o) => c.core.listResourceQuotaForAllNamespaces(p, o)),
  LimitRange: namespaced('', 'v1', 'limitranges',
    (c, name, namespace, o) => c.core.readNamespacedLimitRange({ name, namespace: namespace! }, o),
    (c, namespace, p, o) => c.core.listNamespacedLimitRange({ namespace, ...p }, o),
    (c, p, o) => c.core.listLimitRangeForAllNamespaces(p, o)),
  Namespace: clusterScoped('', 'v1', 'namespaces',
    (c, name, _namespace, o) => c.core.readNamespace({ name }, o),
    (c, p, o) => c.core.listNamespace(p, o)),
};

/** The two event APIs, read with a field selector on the object they are about. */
export const EVENT_RESOURCES = {
  core: {
    group: '',
    version: 'v1',
    list: (c: KubeClients, namespace: string | undefined, p: ListParams, o: CallOptions) =>
      namespace === undefined ? c.core.listEventForAllNamespaces(p, o) : c.core.listNamespacedEvent({ namespace, ...p }, o),
  },
  eventsV1: {
    group: 'events.k8s.io',
    version: 'v1',
    list: (c: KubeClients, namespace: string | undefined, p: ListParams, o: CallOptions) =>
      namespace === undefined ? c.events.listEventForAllNamespaces(p, o) : c.events.listNamespacedEvent({ namespace, ...p }, o),
  },
} as const;
