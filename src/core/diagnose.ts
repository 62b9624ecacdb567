import type { Detector } from './detectors/detector.ts';
import { DETECTORS } from './detectors/registry.ts';
import type { Diagnosis, LogExcerpt, Subject } from './diagnosis.ts';
import { oldestFirst } from './events/timeline.ts';
import type { Facts } from './facts/facts.ts';
import type { Finding } from './findings/finding.ts';
import { rankFindings, type RankedDraft } from './findings/rank-findings.ts';
import { gatherFacts } from './gather/gather-facts.ts';
import { toGap } from './gather/read-or-gap.ts';
import { summarisePod } from './kube/pod-summary.ts';
import type { ContainerLog } from './facts/facts.ts';
import type { ClusterReader } from './reader/cluster-reader.ts';
import { parseTarget, SHORT_KIND } from './target/parse-target.ts';
import type { WorkloadKind } from './target/target.ts';
import { resolveTarget } from './target/resolve-target.ts';
import { rolloutChange, rolloutEvidence } from './workloads/rollout-change.ts';

export interface DiagnoseRequest {
  /** As typed: "checkout-7d9f", "deploy/checkout". */
  target: string;
  namespace: string;
}

/** What a finding's playbook adds; the adapters pass the team's playbooks in. */
export type ExplainFinding = (draft: RankedDraft, context: ExplainContext) => Finding;

export interface ExplainContext {
  vars: Record<string, string>;
  /** The workload's own runbook (annotation k8s-why.io/runbook), which wins over the playbook's. */
  runbook?: string;
}

export interface DiagnoseOptions {
  /** Defaults to the reader's moment (a snapshot's), else the wall clock. */
  now?: Date;
  explain?: ExplainFinding;
  redact?: (text: string) => string;
  excerptLogs?: (logs: ContainerLog[]) => LogExcerpt[];
  detectors?: readonly Detector[];
}

export const RUNBOOK_ANNOTATION = 'k8s-why.io/runbook';

export type DiagnoseResult = { ok: true; diagnosis: Diagnosis } | { ok: false; error: string };


/**
 * The whole pipeline for one question: parse the target, resolve it, gather the facts, run the
 * detectors, rank, explain. Only a target that cannot be parsed is an error; anything that
 * cannot be read becomes a gap in an answer that still comes.
 */
export async function diagnose(reader: ClusterReader, request: DiagnoseRequest, options: DiagnoseOptions = {}): Promise<DiagnoseResult> {
  const parsed = parseTarget(request.target);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const now = options.now ?? reader.capturedAt ?? new Date();
  const namespace = request.namespace;

  let facts: Facts;
  try {
    const resolved = await resolveTarget(reader, parsed.spec, request.target, namespace, now);
    facts = await gatherFacts(reader, resolved, namespace, { now, redact: options.redact ?? ((text) => text) });
  } catch (error) {
    // The target itself could not be read: an answer that says so, with nothing guessed.
    return { ok: true, diagnosis: emptyDiagnosis(request, reader, now, toGap(`find ${request.target} in ${namespace}`, error)) };
  }

  const gaps = [...facts.gaps];
  const drafts = rankFindings(options.detectors ?? DETECTORS, facts, gaps);
  const change = rolloutChange(facts);
  if (change && drafts[0] && drafts[0].id !== 'healthy') {
    drafts[0] = { ...drafts[0], evidence: [...drafts[0].evidence, ...rolloutEvidence(change, drafts[0].evidence)], vars: { ...drafts[0].vars, rolloutFrom: String(change.fromRevision) } };
  }
  const subject = describeSubject(facts);
  const baseVars = subjectVars(subject, facts);
  const explain = options.explain ?? plainExplain;
  const findings = drafts.map((draft) => explain(draft, { vars: { ...baseVars, ...draft.vars, ...(draft.container ? { container: draft.container } : {}) }, runbook: subject.runbook }));

  const timeline = buildTimelineOf(facts);
  const logs = options.excerptLogs && facts.pod ? options.excerptLogs(facts.pod.logs) : [];
  return {
    ok: true,
    diagnosis: {
      target: request.target,
      namespace,
      subject,
      source: reader.source,
      findings,
      gaps,
      timeline,
      logs,
      ...(facts.target.outcome === 'ambiguous' ? { candidates: facts.target.candidates } : {}),
      generatedAt: now.toISOString(),
    },
  };
}

function plainExplain(draft: RankedDraft, context: ExplainContext): Finding {
  return { ...draft, explanation: draft.detail, nextSteps: [], ...(context.runbook ? { runbook: { url: context.runbook } } : {}) };
}

function describeSubject(facts: Facts): Subject {
  const pod = facts.pod?.pod;
  const workload = facts.workload?.owner ?? (facts.workload ? { kind: facts.workload.kind, object: facts.workload.object } : undefined);
  const runbook =
    pod?.metadata.annotations?.[RUNBOOK_ANNOTATION] ??
    workload?.object.metadata.annotations?.[RUNBOOK_ANNOTATION] ??
    facts.workload?.object.metadata.annotations?.[RUNBOOK_ANNOTATION];
  const base = pod
    ? { kind: 'Pod', name: pod.metadata.name ?? '', namespace: facts.namespace, pod: summarisePod(pod) }
    : workload
      ? { kind: workload.kind, name: workload.object.metadata.name ?? '', namespace: facts.namespace }
      : { kind: 'Unknown', name: facts.target.asked, namespace: facts.namespace };
  return {
    ...base,
    ...(workload ? { workload: { kind: workload.kind, name: workload.object.metadata.name ?? '' } } : {}),
    ...(runbook ? { runbook } : {}),
  };
}

/** The variables every playbook template may use. */
function subjectVars(subject: Subject, facts: Facts): Record<string, string> {
  const pod = facts.pod?.pod;
  const vars: Record<string, string> = { namespace: facts.namespace, target: facts.target.asked };
  if (pod) {
    vars.pod = pod.metadata.name ?? '';
    if (pod.spec.nodeName) vars.node = pod.spec.nodeName;
    if (pod.spec.containers.length === 1) vars.container = pod.spec.containers[0]!.name;
  }
  if (subject.workload) {
    vars.workload = subject.workload.name;
    vars.workloadKind = SHORT_KIND[subject.workload.kind as WorkloadKind] ?? subject.workload.kind.toLowerCase();
  }
  return vars;
}

function buildTimelineOf(facts: Facts) {
  const events = [...(facts.pod?.events ?? []), ...(facts.workload?.events ?? [])];
  if (facts.pod?.claims) for (const claim of facts.pod.claims) events.push(...claim.events);
  // Each list is already de-duplicated per object; across objects they only interleave by time.
  return events.sort(oldestFirst);
}

function emptyDiagnosis(request: DiagnoseRequest, reader: ClusterReader, now: Date, gap: ReturnType<typeof toGap>): Diagnosis {
  return {
    target: request.target,
    namespace: request.namespace,
    subject: { kind: 'Unknown', name: request.target, namespace: request.namespace },
    source: reader.source,
    findings: [],
    gaps: [gap],
    timeline: [],
    logs: [],
    generatedAt: now.toISOString(),
  };
}

