import { diagnose, type DiagnoseOptions } from './diagnose.ts';
import type { Diagnosis } from './diagnosis.ts';
import type { Gap } from './facts/gap.ts';
import { toGap } from './gather/read-or-gap.ts';
import { podSeverity } from './kube/pod-severity.ts';
import type { Pod, Workload } from './kube/types.ts';
import type { ClusterReader } from './reader/cluster-reader.ts';
import { SHORT_KIND } from './target/parse-target.ts';

export interface TriageRequest {
  /** Omitted: every namespace. */
  namespace?: string;
}

export interface TriageResult {
  /** One per pod that needs attention, and one per workload that has no pod at all. */
  diagnoses: Diagnosis[];
  /** Pods looked at and found healthy. */
  healthy: number;
  gaps: Gap[];
}

const CONCURRENCY = 4;

/**
 * Every pod that needs attention, each diagnosed in full. Workloads that want pods but have
 * none (a quota refused them) are included too: they are the failures `kubectl get pods` hides.
 */
export async function triage(reader: ClusterReader, request: TriageRequest, options: DiagnoseOptions = {}): Promise<TriageResult> {
  const now = options.now ?? reader.capturedAt ?? new Date();
  const gaps: Gap[] = [];
  const where = request.namespace ? `in ${request.namespace}` : 'in all namespaces';
  let pods: Pod[];
  try {
    pods = await reader.list('Pod', { namespace: request.namespace });
  } catch (error) {
    return { diagnoses: [], healthy: 0, gaps: [toGap(`list pods ${where}`, error)] };
  }
  const podless = await workloadsWithoutPods(reader, request.namespace, pods, gaps);
  const unhealthy = pods.filter((pod) => podSeverity(pod, now) > 0);
  const asks = [
    ...unhealthy.map((pod) => ({ target: `pod/${pod.metadata.name}`, namespace: pod.metadata.namespace ?? 'default' })),
    ...podless,
  ];
  const diagnoses = await mapWithLimit(asks, CONCURRENCY, async (ask) => {
    const result = await diagnose(reader, ask, { ...options, now });
    return result.ok ? result.diagnosis : undefined;
  });
  return { diagnoses: diagnoses.filter((d): d is Diagnosis => d !== undefined), healthy: pods.length - unhealthy.length, gaps };
}

async function workloadsWithoutPods(reader: ClusterReader, namespace: string | undefined, pods: Pod[], gaps: Gap[]) {
  const owners = new Set(pods.flatMap((pod) => (pod.metadata.ownerReferences ?? []).map((ref) => `${pod.metadata.namespace}/${ref.name}`)));
  const asks: { target: string; namespace: string }[] = [];
  for (const kind of ['Deployment', 'StatefulSet'] as const) {
    let items: Workload[];
    try {
      items = await reader.list(kind, { namespace });
    } catch (error) {
      gaps.push(toGap(`list ${kind.toLowerCase()}s ${namespace ? `in ${namespace}` : 'in all namespaces'}`, error));
      continue;
    }
    for (const item of items) {
      const wanted = item.spec?.replicas ?? 1;
      const have = item.status?.replicas ?? 0;
      if (wanted === 0 || have > 0) continue;
      // A StatefulSet owns its pods directly; a Deployment through ReplicaSets named after it.
      const name = item.metadata.name ?? '';
      const ns = item.metadata.namespace ?? 'default';
      const hasPods = [...owners].some((owner) => owner === `${ns}/${name}` || owner.startsWith(`${ns}/${name}-`));
      if (!hasPods) asks.push({ target: `${SHORT_KIND[kind]}/${name}`, namespace: ns });
    }
  }
  return asks;
}

async function mapWithLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}
