import type { FindingId } from './finding-ids.ts';

/** One fact a finding rests on, with where it was read so a person can check it. */
export interface Evidence {
  /** What kind of source: the object's status or spec, an event, a log line, a node, or our own computation. */
  kind: 'status' | 'spec' | 'event' | 'log' | 'node' | 'object' | 'computed';
  /** Where exactly: "status.containerStatuses[api].lastState.terminated", "event BackOff x14, 2m ago", "log api (previous)". */
  source: string;
  text: string;
}

export interface NextStep {
  text: string;
  /** The exact command to run, when there is one. */
  command?: string;
}

export interface RunbookLink {
  url: string;
  title?: string;
}

/** What a detector returns: its conclusion and the evidence, before the playbook adds prose and steps. */
export interface FindingDraft {
  id: FindingId;
  /** One line with the key numbers: "api was OOMKilled at its 512Mi memory limit (restarted 14 times)". */
  title: string;
  /** What happened, specific to this case, in a sentence or three. */
  detail: string;
  evidence: Evidence[];
  /** Checks that were made and came back clean, so a person need not repeat them. */
  ruledOut?: string[];
  /** Values for the playbook's templates ({{container}}, {{limit}}, {{configMap}} ...). */
  vars?: Record<string, string>;
  /** The container the finding is about, when it is about one. */
  container?: string;
  /** Lower is read first; defaults to the detector's priority. */
  priority?: number;
}

/** A finding as a person reads it: the draft plus the playbook's explanation, steps and runbook. */
export interface Finding extends FindingDraft {
  priority: number;
  explanation: string;
  nextSteps: NextStep[];
  runbook?: RunbookLink;
}
