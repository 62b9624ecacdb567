import type { KubeObject, Pod } from '../../core/kube/types.ts';
import { podDisplayStatus, readyCount } from '../../core/kube/pod-status.ts';
import { ageColumn, nameColumn, since, type TablePrinter } from './table.ts';

// The columns of the API server's pod printer (pkg/printers/internalversion/printers.go printPod).

/** "3 (5m ago)": restarts, and how long ago the last one ended, as kubectl 1.22+ shows them. */
function restarts(pod: Pod, now: number): string {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const count = statuses.reduce((sum, status) => sum + (status.restartCount ?? 0), 0);
  const lastEnd = Math.max(...statuses.map((status) => Date.parse(status.lastState?.terminated?.finishedAt ?? '') || 0), 0);
  return count > 0 && lastEnd > 0 ? `${count} (${since(new Date(lastEnd).toISOString(), now)} ago)` : String(count);
}

function readinessGates(pod: Pod): string {
  const gates = (pod.spec as { readinessGates?: { conditionType: string }[] }).readinessGates ?? [];
  if (gates.length === 0) return '<none>';
  const met = gates.filter((gate) => pod.status?.conditions?.some((c) => c.type === gate.conditionType && c.status === 'True')).length;
  return `${met}/${gates.length}`;
}

export const podPrinter: TablePrinter = {
  columns: [
    nameColumn,
    { name: 'Ready', type: 'string', description: 'The aggregate readiness state of this pod for accepting traffic.' },
    { name: 'Status', type: 'string', description: 'The aggregate status of the containers in this pod.' },
    { name: 'Restarts', type: 'string', description: 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.' },
    ageColumn,
    { name: 'IP', type: 'string', priority: 1, description: 'IP address allocated to the pod. Routable at least within the cluster.' },
    { name: 'Node', type: 'string', priority: 1, description: 'NodeName is a request to schedule this pod onto a specific node.' },
    { name: 'Nominated Node', type: 'string', priority: 1, description: 'nominatedNodeName is set when this pod preempts other pods on the node.' },
    { name: 'Readiness Gates', type: 'string', priority: 1, description: 'If specified, all readiness gates will be evaluated for pod readiness.' },
  ],
  cells(object: KubeObject, now: number) {
    const pod = object as Pod;
    return [
      pod.metadata.name ?? '',
      readyCount(pod),
      podDisplayStatus(pod),
      restarts(pod, now),
      since(pod.metadata.creationTimestamp, now),
      pod.status?.podIP || '<none>',
      pod.spec.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      readinessGates(pod),
    ];
  },
  conditions(object: KubeObject) {
    const phase = (object as Pod).status?.phase;
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};
