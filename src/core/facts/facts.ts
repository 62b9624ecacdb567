import type { TimelineEvent } from '../events/timeline.ts';
import type {
  CronJob,
  KeyedObject,
  KubeNode,
  LimitRange,
  PersistentVolume,
  PersistentVolumeClaim,
  Pod,
  ResourceQuota,
  StorageClass,
  Workload,
} from '../kube/types.ts';
import type { TargetResolution, WorkloadKind } from '../target/target.ts';
import type { Gap } from './gap.ts';

/**
 * Everything a diagnosis knows, gathered once, before any detector runs. Detectors are pure
 * functions of this value: they make no reads of their own.
 */
export interface Facts {
  namespace: string;
  target: TargetResolution;
  /** The pod in focus: the one asked for, or the worst pod of the workload asked for. */
  pod?: PodFacts;
  workload?: WorkloadFacts;
  /** Nodes and the pods bound to them: gathered only for a pod that is not scheduled. */
  scheduling?: SchedulingFacts;
  /** Namespace policy that can stop pods from being created. */
  policy: PolicyFacts;
  /** The moment of the diagnosis: "how long ago" is measured from here, never from the wall clock. */
  now: Date;
  /** What could not be read. */
  gaps: Gap[];
}

export interface PodFacts {
  pod: Pod;
  /** The pod's events, de-duplicated and sorted oldest first. */
  events: TimelineEvent[];
  /** The node the pod is bound to, when it is bound and the node could be read. */
  node?: KubeNode;
  /** The node's own events (NodeNotReady, EvictionThresholdMet ...). */
  nodeEvents: TimelineEvent[];
  /** Output of every container, current and previous instance, secrets already redacted. */
  logs: ContainerLog[];
  claims: ClaimFacts[];
  /** ConfigMaps the pod references, by name; null when it does not exist. */
  configMaps: Record<string, KeyedObject | null>;
}

export interface ContainerLog {
  container: string;
  /** true: the last terminated instance (kubectl logs --previous). */
  previous: boolean;
  text: string;
}

/** A PersistentVolumeClaim that a pod mounts, followed down the chain. */
export interface ClaimFacts {
  /** The pod's volume name and the claim it names. */
  volume: string;
  claimName: string;
  /** null when the claim does not exist; undefined when it could not be read (see the gaps). */
  claim: PersistentVolumeClaim | null | undefined;
  /** The StorageClass the claim names, or the cluster default it would get; null when none exists. */
  storageClass?: StorageClass | null;
  /** The bound PersistentVolume, if any. */
  volumeObject?: PersistentVolume;
  /** The claim's events (ProvisioningFailed, FailedBinding ...). */
  events: TimelineEvent[];
  /** Every StorageClass in the cluster, to tell "no default" from "wrong name". */
  storageClasses: StorageClass[];
  /**
   * The cluster's PersistentVolumes, read only when the claim is unbound, to say why an
   * Available one does not bind to it (class, size, access modes). Undefined when not read.
   */
  persistentVolumes?: PersistentVolume[];
}

export interface WorkloadFacts {
  kind: WorkloadKind;
  object: Workload | CronJob;
  /** The top-level owner (Deployment over ReplicaSet, CronJob over Job) when it could be read. */
  owner?: { kind: WorkloadKind; object: Workload | CronJob };
  /** For a Deployment: its ReplicaSets, newest revision first. For a CronJob: its Jobs, newest first. */
  revisions: Workload[];
  pods: Pod[];
  /** Events of the workload and its ReplicaSets or Jobs (FailedCreate lives there). */
  events: TimelineEvent[];
}

export interface SchedulingFacts {
  nodes: KubeNode[];
  /** Non-terminated pods bound to any node: what is already requested on each. */
  boundPods: Pod[];
}

export interface PolicyFacts {
  quotas: ResourceQuota[];
  limitRanges: LimitRange[];
}
