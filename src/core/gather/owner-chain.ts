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

type Ref = { kind: string; name: string; controller?: boolean };

function controllerOf(object: { metadata: { ownerReferences?: Ref[] } }): Ref | undefined {
  const refs = object.metadata.ownerReferences ?? [];
  return refs.find((ref) => ref.controller) ?? refs[0];
}

/**
 * The owner's owner, guessed from names the controllers give: a ReplicaSet is named
 * "<deployment>-<pod-template-hash>", a CronJob's Job "<cronjob>-<scheduled minute>". The guess
 * lets both reads go out in one round trip; it is kept only if the owner's reference confirms it.
 */
function guessParent(ref: Ref, pod: Pod): { kind: WorkloadKind; name: string } | undefined {
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (ref.kind === 'ReplicaSet' && hash && ref.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: ref.name.slice(0, -(hash.length + 1)) };
  const scheduled = /^(.+)-\d{8,}$/.exec(ref.name);
  if (ref.kind === 'Job' && scheduled) return { kind: 'CronJob', name: scheduled[1]! };
  return undefined;
}

/** Follows controller references up from a pod: one round trip when the names tell, two otherwise. */
export async function ownerChain(reader: ClusterReader, pod: Pod, namespace: string, readOrGap: ReturnType<typeof gapRecorder>): Promise<OwnerChain | undefined> {
  const ref = controllerOf(pod);
  if (!ref || !KINDS.includes(ref.kind)) return undefined;
  const kind = ref.kind as WorkloadKind;
  const guess = guessParent(ref, pod);
  const [object, guessed] = await Promise.all([
    readOrGap(`get ${kind.toLowerCase()} ${ref.name} in ${namespace}`, () => reader.get(kind, ref.name, namespace), undefined),
    guess ? readOrGap(`get ${guess.kind.toLowerCase()} ${guess.name} in ${namespace}`, () => reader.get(guess.kind, guess.name, namespace), undefined) : undefined,
  ]);
  if (!object) return undefined;
  const parentRef = controllerOf(object);
  if (!parentRef || !KINDS.includes(parentRef.kind)) return { kind, object };
  const parentKind = parentRef.kind as WorkloadKind;
  if (guessed && guess?.kind === parentKind && guess.name === parentRef.name) return { kind, object, owner: { kind: parentKind, object: guessed } };
  const parent = await readOrGap(`get ${parentKind.toLowerCase()} ${parentRef.name} in ${namespace}`, () => reader.get(parentKind, parentRef.name, namespace), undefined);
  return parent ? { kind, object, owner: { kind: parentKind, object: parent } } : { kind, object };
}
