import type { TimelineEvent } from './events/timeline.ts';
import type { Gap } from './facts/gap.ts';
import type { Finding } from './findings/finding.ts';
import type { PodCandidate } from './target/target.ts';

/**
 * The answer to "why": what every renderer draws. Pure data, already redacted, with all times
 * as ISO strings so it serialises as the documented JSON schema.
 */
export interface Diagnosis {
  /** What the person asked, as typed. */
  target: string;
  namespace: string;
  /** What the target resolved to. */
  subject: Subject;
  /** Where the facts came from: "snapshot incident.json", "cluster prod". */
  source: string;
  /** Ranked: findings[0] is what to read first. Empty when no known failure mode matched. */
  findings: Finding[];
  gaps: Gap[];
  /** The pod's (and its workload's) events, de-duplicated, oldest first. */
  timeline: TimelineEvent[];
  /** The most telling log lines per container, previous instance first. */
  logs: LogExcerpt[];
  /** Candidates when the target was ambiguous. */
  candidates?: PodCandidate[];
  generatedAt: string;
}

export interface Subject {
  kind: string;
  name: string;
  namespace: string;
  pod?: PodSummary;
  /** The workload owning the pod, or the workload asked about. */
  workload?: { kind: string; name: string };
  /** Per-workload runbook from the k8s-why.io/runbook annotation, when set. */
  runbook?: string;
}

export interface PodSummary {
  name: string;
  namespace: string;
  phase: string;
  /** kubectl's STATUS column: Running, CrashLoopBackOff, OOMKilled, Pending ... */
  status: string;
  ready: string;
  restarts: number;
  node?: string;
  /** ISO creation time; renderers show it as an age against generatedAt. */
  createdAt?: string;
  containers: ContainerSummary[];
}

export interface ContainerSummary {
  name: string;
  init: boolean;
  image?: string;
  ready: boolean;
  restarts: number;
  /** "running", "waiting: CrashLoopBackOff", "terminated: OOMKilled (exit 137)". */
  state: string;
  lastState?: string;
}

export interface LogExcerpt {
  container: string;
  previous: boolean;
  /** The lines worth reading: the first error or stack trace, then the last lines. */
  lines: string[];
  /** Where the first error starts within `lines`, when one was found. */
  errorAt?: number;
  /** How many lines of the log were left out. */
  omitted: number;
}
