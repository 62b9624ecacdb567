import type { Pod, Workload, CronJob } from '../kube/types.ts';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';

/** What a person typed, parsed: a pod name or prefix, or kind/name for a workload. */
export type TargetSpec =
  | { kind: 'Pod'; name: string; exact: boolean }
  | { kind: WorkloadKind; name: string };

export interface PodCandidate {
  name: string;
  namespace: string;
  /** kubectl's STATUS column: Running, CrashLoopBackOff, Pending ... */
  status: string;
}

/** How the target resolved against the cluster. */
export type TargetResolution =
  | { outcome: 'pod'; asked: string; pod: Pod; workload?: { kind: WorkloadKind; object: Workload | CronJob } }
  | { outcome: 'workload'; asked: string; workload: { kind: WorkloadKind; object: Workload | CronJob }; pod?: Pod }
  | { outcome: 'ambiguous'; asked: string; candidates: PodCandidate[] }
  | { outcome: 'missing'; asked: string; suggestions: string[]; elsewhere: { namespace: string; name: string }[] };
