import { podSeverity } from '../kube/pod-severity.ts';
import { podDisplayStatus } from '../kube/pod-status.ts';
import type { CronJob, Pod, Workload } from '../kube/types.ts';
import type { ClusterReader } from '../reader/cluster-reader.ts';
import { findWorkloadMembers, type WorkloadMembers } from '../workloads/workload-pods.ts';
import { nearestNames } from './nearest-names.ts';
import { SHORT_KIND } from './parse-target.ts';
import type { TargetResolution, TargetSpec, WorkloadKind } from './target.ts';

const WORKLOAD_KINDS: WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'];

export interface Resolved {
  resolution: TargetResolution;
  /** Set when the target was a workload: its members, already read. */
  members?: WorkloadMembers;
}

/** Resolves what a person typed to the pod (or workload) to diagnose. */
export async function resolveTarget(reader: ClusterReader, spec: TargetSpec, asked: string, namespace: string, now: Date): Promise<Resolved> {
  if (spec.kind !== 'Pod') return resolveWorkload(reader, spec.kind, spec.name, asked, namespace, now);

  const exact = await reader.get('Pod', spec.name, namespace);
  if (exact) return { resolution: { outcome: 'pod', asked, pod: exact } };
  if (!spec.exact) {
    const pods = await reader.list('Pod', { namespace });
    const matches = pods.filter((pod) => pod.metadata.name?.startsWith(spec.name));
    if (matches.length === 1) return { resolution: { outcome: 'pod', asked, pod: matches[0]! } };
    if (matches.length > 1) {
      const candidates = matches
        .sort((a, b) => podSeverity(b, now) - podSeverity(a, now) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
        .map((pod) => ({ name: pod.metadata.name ?? '', namespace, status: podDisplayStatus(pod) }));
      return { resolution: { outcome: 'ambiguous', asked, candidates } };
    }
    // No pod by that name or prefix: a workload of that exact name (one with no pods at all, say).
    // Every kind is asked at once: one round trip, not six.
    const workloads = await Promise.all(WORKLOAD_KINDS.map((kind) => reader.get(kind, spec.name, namespace)));
    const found = workloads.findIndex((workload) => workload !== undefined);
    if (found !== -1) return resolveWorkload(reader, WORKLOAD_KINDS[found]!, spec.name, asked, namespace, now, workloads[found]);
    return { resolution: await missing(reader, asked, spec.name, namespace, pods.map((pod) => pod.metadata.name ?? '')) };
  }
  return { resolution: await missing(reader, asked, spec.name, namespace) };
}

async function resolveWorkload(
  reader: ClusterReader,
  kind: WorkloadKind,
  name: string,
  asked: string,
  namespace: string,
  now: Date,
  known?: Workload | CronJob,
): Promise<Resolved> {
  const workload = known ?? (await reader.get(kind, name, namespace));
  if (!workload) return { resolution: await missing(reader, asked, name, namespace, undefined, kind) };
  const members = await findWorkloadMembers(reader, kind, workload, namespace);
  const pod = worstPod(members, now);
  return { resolution: { outcome: 'workload', asked, workload: { kind, object: workload }, pod }, members };
}

/**
 * The pod a person should look at: the one in the worst state, and among equals the newest
 * revision's (a rollout's new pods fail while the old ones still serve).
 */
function worstPod(members: WorkloadMembers, now: Date): Pod | undefined {
  const newest = members.revisions[0]?.metadata.name;
  const inNewest = (pod: Pod) => (pod.metadata.ownerReferences ?? []).some((ref) => ref.name === newest);
  return [...members.pods].sort(
    (a, b) =>
      podSeverity(b, now) - podSeverity(a, now) ||
      Number(inNewest(b)) - Number(inNewest(a)) ||
      Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? '') ||
      // Equals in every way: by name, so the answer does not depend on the order pods were listed in.
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  )[0];
}

async function missing(
  reader: ClusterReader,
  asked: string,
  name: string,
  namespace: string,
  knownPodNames?: string[],
  kind?: WorkloadKind,
): Promise<TargetResolution> {
  const [podNames, workloadNames, everywhere] = await Promise.all([
    knownPodNames ?? reader.list('Pod', { namespace }).then((pods) => pods.map((pod) => pod.metadata.name ?? '')),
    Promise.all(
      (kind ? [kind] : WORKLOAD_KINDS.slice(0, 5)).map((k) =>
        reader.list(k, { namespace }).then((items) => items.map((item) => `${SHORT_KIND[k]}/${item.metadata.name}`), () => []),
      ),
    ).then((lists) => lists.flat()),
    reader.list(kind ?? 'Pod', {}).catch(() => []),
  ]);
  const suggestions = nearestNames(asked, kind ? workloadNames : [...podNames, ...workloadNames]);
  const elsewhere = (everywhere as { metadata: { name?: string; namespace?: string } }[])
    .filter((item) => item.metadata.namespace !== namespace && (item.metadata.name === name || item.metadata.name?.startsWith(`${name}-`)))
    .slice(0, 5)
    .map((item) => ({ namespace: item.metadata.namespace ?? '', name: item.metadata.name ?? '' }));
  return { outcome: 'missing', asked, suggestions, elsewhere };
}
