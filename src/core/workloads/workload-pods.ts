import { requirementsOf, formatLabelSelector } from '../kube/selectors.ts';
import type { CronJob, Pod, Workload } from '../kube/types.ts';
import type { ClusterReader } from '../reader/cluster-reader.ts';
import type { WorkloadKind } from '../target/target.ts';

export interface WorkloadMembers {
  /** Deployment: its ReplicaSets, newest revision first. CronJob: its Jobs, newest first. */
  revisions: Workload[];
  pods: Pod[];
}

export function isOwnedBy(object: { metadata: { ownerReferences?: { uid?: string; name: string; kind: string }[] } }, owner: { metadata: { uid?: string; name?: string } }, ownerKind: string): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    (ref) => ref.kind === ownerKind && (ref.uid && owner.metadata.uid ? ref.uid === owner.metadata.uid : ref.name === owner.metadata.name),
  );
}

export function revisionOf(replicaSet: Workload): number {
  return Number(replicaSet.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

function newestFirst(a: Workload, b: Workload): number {
  return Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? '');
}

/**
 * Finds a workload's pods the way its controller does: by selector, kept only when the pod's
 * controller reference points back (a selector alone can overlap another workload's pods).
 */
export async function findWorkloadMembers(
  reader: ClusterReader,
  kind: WorkloadKind,
  workload: Workload | CronJob,
  namespace: string,
): Promise<WorkloadMembers> {
  if (kind === 'CronJob') {
    const jobs = (await reader.list('Job', { namespace })).filter((job) => isOwnedBy(job, workload, 'CronJob')).sort(newestFirst);
    // The newest few Jobs are the ones a person asks about; each is listed by its own selector.
    const recent = jobs.slice(0, 3);
    const perJob = await Promise.all(recent.map((job) => findWorkloadMembers(reader, 'Job', job, namespace)));
    return { revisions: jobs, pods: perJob.flatMap((members) => members.pods) };
  }
  const requirements = requirementsOf((workload as Workload).spec?.selector);
  const labelSelector = requirements ? formatLabelSelector(requirements) : undefined;
  if (kind === 'Deployment') {
    const [replicaSets, pods] = await Promise.all([
      reader.list('ReplicaSet', { namespace, labelSelector }),
      reader.list('Pod', { namespace, labelSelector }),
    ]);
    const owned = replicaSets
      .filter((rs) => isOwnedBy(rs, workload, 'Deployment'))
      .sort((a, b) => revisionOf(b) - revisionOf(a) || newestFirst(a, b));
    return { revisions: owned, pods: pods.filter((pod) => owned.some((rs) => isOwnedBy(pod, rs, 'ReplicaSet'))) };
  }
  const pods = await reader.list('Pod', { namespace, labelSelector });
  return { revisions: [], pods: pods.filter((pod) => isOwnedBy(pod, workload, kind)) };
}
