import type { KubeObject } from '../core/kube/types.ts';

/**
 * One REST resource as discovery describes it. The replay server answers for the built-in
 * resources below (empty lists when the snapshot holds none, as a real cluster would) and for
 * any other kind a snapshot carries (CRDs), named the way the API server names them.
 */
export interface ApiResource {
  kind: string;
  /** The path segment: "pods". */
  plural: string;
  singular: string;
  /** "" for the core group (/api/v1). */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames?: string[];
  /** "all" puts it in `kubectl get all`. */
  categories?: string[];
  /** Learnt from the snapshot (a CRD's kind), not built in: its list items keep their kind, as a CRD's do. */
  custom?: boolean;
}

function core(kind: string, plural: string, namespaced: boolean, shortNames?: string[], categories?: string[]): ApiResource {
  return { kind, plural, singular: kind.toLowerCase(), group: '', version: 'v1', namespaced, shortNames, categories };
}

function grouped(groupVersion: string, kind: string, plural: string, shortNames?: string[], categories?: string[], namespaced = true): ApiResource {
  const [group = '', version = ''] = groupVersion.split('/');
  return { kind, plural, singular: kind.toLowerCase(), group, version, namespaced, shortNames, categories };
}

const ALL = ['all'];

/** The built-in resources of a current cluster that a diagnosis (or a person with kubectl) reads. */
export const BUILT_IN_RESOURCES: readonly ApiResource[] = [
  core('Pod', 'pods', true, ['po'], ALL),
  core('Node', 'nodes', false, ['no']),
  core('Event', 'events', true, ['ev']),
  core('Namespace', 'namespaces', false, ['ns']),
  core('ConfigMap', 'configmaps', true, ['cm']),
  core('Secret', 'secrets', true),
  core('Service', 'services', true, ['svc'], ALL),
  core('Endpoints', 'endpoints', true, ['ep']),
  core('ServiceAccount', 'serviceaccounts', true, ['sa']),
  core('PersistentVolumeClaim', 'persistentvolumeclaims', true, ['pvc']),
  core('PersistentVolume', 'persistentvolumes', false, ['pv']),
  core('ResourceQuota', 'resourcequotas', true, ['quota']),
  core('LimitRange', 'limitranges', true, ['limits']),
  core('ReplicationController', 'replicationcontrollers', true, ['rc'], ALL),
  grouped('apps/v1', 'Deployment', 'deployments', ['deploy'], ALL),
  grouped('apps/v1', 'ReplicaSet', 'replicasets', ['rs'], ALL),
  grouped('apps/v1', 'StatefulSet', 'statefulsets', ['sts'], ALL),
  grouped('apps/v1', 'DaemonSet', 'daemonsets', ['ds'], ALL),
  grouped('apps/v1', 'ControllerRevision', 'controllerrevisions'),
  grouped('batch/v1', 'Job', 'jobs', undefined, ALL),
  grouped('batch/v1', 'CronJob', 'cronjobs', ['cj'], ALL),
  grouped('autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', ['hpa'], ALL),
  grouped('policy/v1', 'PodDisruptionBudget', 'poddisruptionbudgets', ['pdb']),
  grouped('networking.k8s.io/v1', 'Ingress', 'ingresses', ['ing']),
  grouped('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies', ['netpol']),
  grouped('storage.k8s.io/v1', 'StorageClass', 'storageclasses', ['sc'], undefined, false),
  grouped('coordination.k8s.io/v1', 'Lease', 'leases'),
  // The same stored events seen through the newer API, as on a real cluster.
  grouped('events.k8s.io/v1', 'Event', 'events', ['ev']),
];

export function groupVersionOf(resource: Pick<ApiResource, 'group' | 'version'>): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/** "ingresses", "policies", "pods": the API server's plural for a kind it learns from a CRD. */
export function pluralOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/**
 * The built-in resources plus one per kind the snapshot holds that is not built in, so
 * `kubectl get certificates` works on a snapshot that captured cert-manager objects.
 */
export function resourcesFor(objects: readonly KubeObject[]): ApiResource[] {
  const resources = [...BUILT_IN_RESOURCES];
  const builtInKinds = new Set(BUILT_IN_RESOURCES.map((resource) => resource.kind));
  const extra = new Map<string, ApiResource>();
  for (const object of objects) {
    const kind = object.kind ?? '';
    if (!kind || builtInKinds.has(kind)) continue;
    const [group, version] = (object.apiVersion ?? 'v1').includes('/') ? (object.apiVersion ?? '').split('/') : ['', object.apiVersion ?? 'v1'];
    const key = `${group}/${kind}`;
    const namespaced = object.metadata.namespace !== undefined;
    const known = extra.get(key);
    if (known) {
      known.namespaced ||= namespaced;
      continue;
    }
    extra.set(key, { kind, plural: pluralOf(kind), singular: kind.toLowerCase(), group: group ?? '', version: version ?? 'v1', namespaced, custom: true });
  }
  return [...resources, ...extra.values()];
}
