import type { CronJob, Pod, Workload } from '../kube/types.ts';
import type { ClusterReader } from '../reader/cluster-reader.ts';
import type { WorkloadKind } from '../target/target.ts';
import type { gapRecorder } from './read-or-gap.ts';

const KINDS: readonly string[] = ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Deployment', 'CronJob'];

export interface OwnerChain {
  kind: WorkloadKind;
  object: Workload | CronJob;
  /** The controller above: a ReplicaSet's Deployment, a Job's CronJob. */
  owner?: { kind: WorkloadKind; object: Workload | CronJob };
}

function controllerOf(object: { metadata: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } }) {
  const refs = object.metadata.ownerReferences ?? [];
  return refs.find((ref) => ref.controller) ?? refs[0];
}

/** Follows controller references up from a pod: two reads at most (ReplicaSet, then Deployment). */
export async function ownerChain(reader: ClusterReader, pod: Pod, namespace: string, readOrGap: ReturnType<typeof gapRecorder>): Promise<OwnerChain | undefined> {
  const ref = controllerOf(pod);
  if (!ref || !KINDS.includes(ref.kind)) return undefined;
  const kind = ref.kind as WorkloadKind;
  const object = await readOrGap(`get ${kind.toLowerCase()} ${ref.name} in ${namespace}`, () => reader.get(kind, ref.name, namespace), undefined);
  if (!object) return undefined;
  const parentRef = controllerOf(object);
  if (!parentRef || !KINDS.includes(parentRef.kind)) return { kind, object };
  const parentKind = parentRef.kind as WorkloadKind;
  const parent = await readOrGap(`get ${parentKind.toLowerCase()} ${parentRef.name} in ${namespace}`, () => reader.get(parentKind, parentRef.name, namespace), undefined);
  return parent ? { kind, object, owner: { kind: parentKind, object: parent } } : { kind, object };
}
