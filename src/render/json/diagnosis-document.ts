import type { ContainerSummary, Diagnosis, LogExcerpt, PodSummary } from '../../core/diagnosis.ts';
import type { TimelineEvent } from '../../core/events/timeline.ts';
import type { Gap } from '../../core/facts/gap.ts';
import type { Evidence, Finding } from '../../core/findings/finding.ts';
import type { FindingId } from '../../core/findings/finding-ids.ts';
import type { ReadFailureCode } from '../../core/reader/cluster-reader.ts';
import { answerShape, isHealthy } from '../answer-parts.ts';

/**
 * The JSON answer, version 1, as documented in docs/json-schema.md and checked against
 * docs/diagnosis.schema.json. It is built field by field rather than by serialising the
 * Diagnosis, so internal refactors cannot change what scripts and dashboards read. Every key is
 * always present: a missing value is null or an empty list, never an absent key.
 * Adding a field keeps the version; renaming, removing or changing the meaning of one bumps it.
 */
export const DIAGNOSIS_SCHEMA_VERSION = 1;

/** What kind of answer it is, so automation can branch without reading findings. */
export type Outcome = 'problem' | 'healthy' | 'unmatched' | 'ambiguous';

export interface DiagnosisDocument {
  schemaVersion: typeof DIAGNOSIS_SCHEMA_VERSION;
  kind: 'Diagnosis';
  generatedAt: string;
  source: string;
  outcome: Outcome;
  target: TargetDocument;
  pod: PodDocument | null;
  findings: FindingDocument[];
  gaps: GapDocument[];
  timeline: EventDocument[];
  logs: LogDocument[];
  candidates: { name: string; namespace: string; status: string }[];
}

export interface TargetDocument {
  asked: string;
  namespace: string;
  kind: string;
  name: string;
  workload: { kind: string; name: string } | null;
  runbook: string | null;
}

export interface PodDocument {
  name: string;
  namespace: string;
  phase: string;
  status: string;
  ready: string;
  restarts: number;
  node: string | null;
  createdAt: string | null;
  containers: ContainerDocument[];
}

export interface ContainerDocument {
  name: string;
  init: boolean;
  image: string | null;
  ready: boolean;
  restarts: number;
  state: string;
  lastState: string | null;
}

export interface FindingDocument {
  id: FindingId;
  title: string;
  detail: string;
  explanation: string;
  priority: number;
  container: string | null;
  evidence: Evidence[];
  ruledOut: string[];
  nextSteps: { text: string; command: string | null }[];
  runbook: { url: string; title: string | null } | null;
  vars: Record<string, string>;
}

export interface GapDocument {
  what: string;
  code: ReadFailureCode;
  detail: string;
}

export interface EventDocument {
  type: string;
  reason: string;
  message: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  object: string;
  fieldPath: string | null;
  component: string | null;
}

export interface LogDocument {
  container: string;
  previous: boolean;
  lines: string[];
  errorAt: number | null;
  omitted: number;
}

function outcomeOf(diagnosis: Diagnosis): Outcome {
  const shape = answerShape(diagnosis);
  if (shape !== 'finding') return shape;
  return isHealthy(diagnosis) ? 'healthy' : 'problem';
}

export function toDiagnosisDocument(diagnosis: Diagnosis): DiagnosisDocument {
  const { subject } = diagnosis;
  return {
    schemaVersion: DIAGNOSIS_SCHEMA_VERSION,
    kind: 'Diagnosis',
    generatedAt: diagnosis.generatedAt,
    source: diagnosis.source,
    outcome: outcomeOf(diagnosis),
    target: {
      asked: diagnosis.target,
      namespace: diagnosis.namespace,
      kind: subject.kind,
      name: subject.name,
      workload: subject.workload ? { kind: subject.workload.kind, name: subject.workload.name } : null,
      runbook: subject.runbook ?? null,
    },
    pod: subject.pod ? podDocument(subject.pod) : null,
    findings: diagnosis.findings.map(findingDocument),
    gaps: diagnosis.gaps.map((gap: Gap) => ({ what: gap.what, code: gap.code, detail: gap.detail })),
    timeline: diagnosis.timeline.map(eventDocument),
    logs: diagnosis.logs.map(logDocument),
    candidates: (diagnosis.candidates ?? []).map((c) => ({ name: c.name, namespace: c.namespace, status: c.status })),
  };
}

/** The JSON answer as text: two-space indented, one trailing newline, keys in a fixed order. */
export function renderJson(diagnosis: Diagnosis): string {
  return `${JSON.stringify(toDiagnosisDocument(diagnosis), null, 2)}\n`;
}

function podDocument(pod: PodSummary): PodDocument {
  return {
    name: pod.name,
    namespace: pod.namespace,
    phase: pod.phase,
    status: pod.status,
    ready: pod.ready,
    restarts: pod.restarts,
    node: pod.node ?? null,
    createdAt: pod.createdAt ?? null,
    containers: pod.containers.map(containerDocument),
  };
}

function containerDocument(container: ContainerSummary): ContainerDocument {
  return {
    name: container.name,
    init: container.init,
    image: container.image ?? null,
    ready: container.ready,
    restarts: container.restarts,
    state: container.state,
    lastState: container.lastState ?? null,
  };
}

function findingDocument(finding: Finding): FindingDocument {
  return {
    id: finding.id,
    title: finding.title,
    detail: finding.detail,
    explanation: finding.explanation,
    priority: finding.priority,
    container: finding.container ?? null,
    evidence: finding.evidence.map((e) => ({ kind: e.kind, source: e.source, text: e.text })),
    ruledOut: [...(finding.ruledOut ?? [])],
    nextSteps: finding.nextSteps.map((step) => ({ text: step.text, command: step.command ?? null })),
    runbook: finding.runbook ? { url: finding.runbook.url, title: finding.runbook.title ?? null } : null,
    vars: { ...(finding.vars ?? {}) },
  };
}

function eventDocument(event: TimelineEvent): EventDocument {
  return {
    type: event.type,
    reason: event.reason,
    message: event.message,
    count: event.count,
    firstSeen: event.firstSeen ?? null,
    lastSeen: event.lastSeen ?? null,
    object: event.object,
    fieldPath: event.fieldPath ?? null,
    component: event.component ?? null,
  };
}

function logDocument(excerpt: LogExcerpt): LogDocument {
  return {
    container: excerpt.container,
    previous: excerpt.previous,
    lines: [...excerpt.lines],
    errorAt: excerpt.errorAt ?? null,
    omitted: excerpt.omitted,
  };
}
