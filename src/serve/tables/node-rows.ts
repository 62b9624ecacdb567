import type { KubeNode, KubeObject } from '../../core/kube/types.ts';
import { ageColumn, nameColumn, since, type TablePrinter } from './table.ts';

// The API server's node printer: Ready or NotReady (Unknown reads NotReady too), then
// SchedulingDisabled for a cordoned node; roles from the node-role labels.

type NodeStatus = NonNullable<KubeNode['status']> & { addresses?: { type: string; address: string }[]; nodeInfo?: { kernelVersion?: string } };

function nodeStatus(node: KubeNode): string {
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

function roles(node: KubeNode): string {
  const found = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) found.add(key.slice('node-role.kubernetes.io/'.length));
    if (key === 'kubernetes.io/role' && value) found.add(value);
  }
  return [...found].sort().join(',') || '<none>';
}

export const nodePrinter: TablePrinter = {
  columns: [
    nameColumn,
    { name: 'Status', type: 'string', description: 'The status of the node' },
    { name: 'Roles', type: 'string', description: 'The roles of the node' },
    ageColumn,
    { name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.' },
    { name: 'Internal-IP', type: 'string', priority: 1, description: 'List of internal IPs of the node.' },
    { name: 'External-IP', type: 'string', priority: 1, description: 'List of external IPs of the node.' },
    { name: 'OS-Image', type: 'string', priority: 1, description: 'OS Image reported by the node from /etc/os-release.' },
    { name: 'Kernel-Version', type: 'string', priority: 1, description: 'Kernel Version reported by the node.' },
    { name: 'Container-Runtime', type: 'string', priority: 1, description: 'Container Runtime Version reported by the node.' },
  ],
  cells(object: KubeObject, now: number) {
    const node = object as KubeNode;
    const status = (node.status ?? {}) as NodeStatus;
    const address = (type: string) => status.addresses?.find((a) => a.type === type)?.address ?? '<none>';
    return [
      node.metadata.name ?? '',
      nodeStatus(node),
      roles(node),
      since(node.metadata.creationTimestamp, now),
      status.nodeInfo?.kubeletVersion ?? '',
      address('InternalIP'),
      address('ExternalIP'),
      status.nodeInfo?.osImage || '<unknown>',
      status.nodeInfo?.kernelVersion || '<unknown>',
      status.nodeInfo?.containerRuntimeVersion || '<unknown>',
    ];
  },
};
