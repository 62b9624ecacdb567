import type { KubeObject, Workload } from '../../core/kube/types.ts';
import { formatLabelSelector, requirementsOf } from '../../core/kube/selectors.ts';
import { ageColumn, nameColumn, since, type Column, type TablePrinter } from './table.ts';

// Deployments, ReplicaSets and StatefulSets as the API server prints them: replica counts that
// tell a stuck rollout at a glance, then (with -o wide) containers, images and selector.

type Counts = { replicas?: number; readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };

const wide: Column[] = [
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
];
const selectorColumn: Column = { name: 'Selector', type: 'string', priority: 1, description: 'Label selector for pods.' };

function parts(object: KubeObject) {
  const workload = object as Workload;
  const spec = (workload.spec ?? {}) as { replicas?: number };
  const status = (workload.status ?? {}) as Counts;
  const containers = workload.spec?.template?.spec?.containers ?? [];
  return {
    name: workload.metadata.name ?? '',
    desired: spec.replicas ?? 1,
    status,
    containers: containers.map((c) => c.name).join(','),
    images: containers.map((c) => c.image ?? '').join(','),
    selector: formatLabelSelector(requirementsOf(workload.spec?.selector) ?? []) || '<none>',
  };
}

export const deploymentPrinter: TablePrinter = {
  columns: [
    nameColumn,
    { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
    { name: 'Up-to-date', type: 'integer', description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.' },
    { name: 'Available', type: 'integer', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.' },
    ageColumn,
    ...wide,
    selectorColumn,
  ],
  cells(object, now) {
    const p = parts(object);
    return [p.name, `${p.status.readyReplicas ?? 0}/${p.desired}`, p.status.updatedReplicas ?? 0, p.status.availableReplicas ?? 0, since(object.metadata.creationTimestamp, now), p.containers, p.images, p.selector];
  },
};

export const replicaSetPrinter: TablePrinter = {
  columns: [
    nameColumn,
    { name: 'Desired', type: 'integer', description: 'Replicas is the number of desired replicas.' },
    { name: 'Current', type: 'integer', description: 'Replicas is the most recently observed number of replicas.' },
    { name: 'Ready', type: 'integer', description: 'The number of ready replicas for this replica set.' },
    ageColumn,
    ...wide,
    selectorColumn,
  ],
  cells(object, now) {
    const p = parts(object);
    return [p.name, p.desired, p.status.replicas ?? 0, p.status.readyReplicas ?? 0, since(object.metadata.creationTimestamp, now), p.containers, p.images, p.selector];
  },
};

export const statefulSetPrinter: TablePrinter = {
  columns: [nameColumn, { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' }, ageColumn, ...wide],
  cells(object, now) {
    const p = parts(object);
    return [p.name, `${p.status.readyReplicas ?? 0}/${p.desired}`, since(object.metadata.creationTimestamp, now), p.containers, p.images];
  },
};
