import type { ApiResource } from '../api-resources.ts';
import { claimPrinter, configMapPrinter, namespacePrinter, secretPrinter } from './config-rows.ts';
import { eventPrinter } from './event-rows.ts';
import { nodePrinter } from './node-rows.ts';
import { podPrinter } from './pod-rows.ts';
import { defaultPrinter, type TablePrinter } from './table.ts';
import { deploymentPrinter, replicaSetPrinter, statefulSetPrinter } from './workload-rows.ts';

/** Every table printer, by kind; kinds not listed print Name and Created At. */
const PRINTERS: Record<string, TablePrinter> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Event: eventPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  PersistentVolumeClaim: claimPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  Namespace: namespacePrinter,
};

export function printerFor(resource: ApiResource): TablePrinter {
  const builtIn = resource.group === '' || ['apps', 'events.k8s.io'].includes(resource.group);
  return (builtIn && PRINTERS[resource.kind]) || defaultPrinter;
}
