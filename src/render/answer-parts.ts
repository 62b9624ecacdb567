import type { Diagnosis, LogExcerpt } from '../core/diagnosis.ts';
import type { Gap } from '../core/facts/gap.ts';
import type { Finding } from '../core/findings/finding.ts';
import { age } from './durations.ts';

/**
 * The destination-neutral pieces of an answer: which shape it takes, the context facts, the
 * gap wording, the log commands. Every renderer draws these the same way, so a terminal, a
 * Markdown doc and a Slack thread never disagree about what was found or what is missing.
 */

/**
 * - `finding`: findings[0] is what to read first (a failure, `healthy` or `not-found`).
 * - `ambiguous`: the target matched several pods; the answer is the list to choose from.
 * - `unmatched`: no known failure mode matched; show status, events and logs anyway.
 */
export type AnswerShape = 'finding' | 'ambiguous' | 'unmatched';

export function answerShape(diagnosis: Diagnosis): AnswerShape {
  if (diagnosis.candidates && diagnosis.candidates.length > 0) return 'ambiguous';
  return diagnosis.findings.length > 0 ? 'finding' : 'unmatched';
}

export function primaryFinding(diagnosis: Diagnosis): Finding | undefined {
  return answerShape(diagnosis) === 'finding' ? diagnosis.findings[0] : undefined;
}

export function secondaryFindings(diagnosis: Diagnosis): Finding[] {
  return diagnosis.findings.slice(1);
}

/** True when the answer is "nothing is wrong", which renderers draw in a calmer way. */
export function isHealthy(diagnosis: Diagnosis): boolean {
  return primaryFinding(diagnosis)?.id === 'healthy';
}

/** The headline when no finding supplies one. */
export function fallbackVerdict(diagnosis: Diagnosis): string {
  if (answerShape(diagnosis) === 'ambiguous') {
    const count = diagnosis.candidates?.length ?? 0;
    return `"${diagnosis.target}" matches ${count} pods in ${diagnosis.namespace}: which one?`;
  }
  const pod = diagnosis.subject.pod;
  const what = pod ? `${pod.name} (${pod.status})` : subjectName(diagnosis);
  return `No known failure mode matched ${what}`;
}

export function verdict(diagnosis: Diagnosis): string {
  return primaryFinding(diagnosis)?.title ?? fallbackVerdict(diagnosis);
}

/** "api-1" for a pod, "Deployment/web" for a workload, the name as asked when nothing matched. */
export function subjectName(diagnosis: Diagnosis): string {
  const { kind, name } = diagnosis.subject;
  return kind === 'Pod' || kind === 'Unknown' ? name : `${kind}/${name}`;
}

/**
 * The playbook's explanation when it adds something to the detail. Without a playbook the
 * pipeline may repeat the detail there, and printing the same paragraph twice reads as a bug.
 */
export function explanationBeyondDetail(finding: Finding): string | undefined {
  const explanation = finding.explanation.trim();
  return explanation && explanation !== finding.detail.trim() ? explanation : undefined;
}

/** The command to ask again about one candidate: what a person types instead of the ambiguous name. */
export function askCommand(invocation: string, pod: string, namespace: string): string {
  return `${invocation} ${pod} -n ${namespace}`;
}

export const DEFAULT_INVOCATION = 'k8s-why why';

/** Gap wording shared by every destination: "could not read: list events in shop (forbidden)". */
export function gapLine(gap: Gap): string {
  return `could not read: ${gap.what} (${gap.code})`;
}

/** The previous instance first: it is the one that died, and usually the one that says why. */
export function logsPreviousFirst(diagnosis: Diagnosis): LogExcerpt[] {
  return [...diagnosis.logs].sort((a, b) => Number(b.previous) - Number(a.previous));
}

/** `kubectl logs` for one excerpt's full output, or undefined when there is no pod to name. */
export function logsCommand(diagnosis: Diagnosis, excerpt: LogExcerpt): string | undefined {
  const pod = diagnosis.subject.pod;
  if (!pod) return undefined;
  return `kubectl logs ${pod.name} -n ${pod.namespace} -c ${excerpt.container}${excerpt.previous ? ' --previous' : ''}`;
}

/** "… 120 more lines: run kubectl logs api-1 -n shop -c api --previous". */
export function moreLinesNote(diagnosis: Diagnosis, excerpt: LogExcerpt, extraCut = 0): string | undefined {
  const more = excerpt.omitted + extraCut;
  if (more <= 0) return undefined;
  const command = logsCommand(diagnosis, excerpt);
  const lines = `${more} more line${more === 1 ? '' : 's'}`;
  return command ? `… ${lines}: run ${command}` : `… ${lines} left out`;
}

export function instanceLabel(excerpt: LogExcerpt): string {
  return excerpt.previous ? 'previous instance (the one that died)' : 'current instance';
}

export function logHeading(excerpt: LogExcerpt): string {
  return `${excerpt.container}, ${instanceLabel(excerpt)}`;
}

export interface ContextPart {
  label: string;
  value: string;
}

/** Where the answer comes from and what it is about: source, namespace, pod, node, age, restarts. */
export function contextParts(diagnosis: Diagnosis): ContextPart[] {
  const parts: ContextPart[] = [{ label: 'source', value: diagnosis.source }];
  parts.push({ label: 'namespace', value: diagnosis.namespace });
  const { subject } = diagnosis;
  const pod = subject.pod;
  if (pod) parts.push({ label: 'pod', value: pod.name });
  else if (answerShape(diagnosis) !== 'ambiguous') parts.push({ label: 'target', value: subjectName(diagnosis) });
  if (subject.workload) parts.push({ label: 'workload', value: `${subject.workload.kind}/${subject.workload.name}` });
  if (pod?.node) parts.push({ label: 'node', value: pod.node });
  const podAge = age(pod?.createdAt, diagnosis.generatedAt);
  if (podAge) parts.push({ label: 'age', value: podAge });
  if (pod) parts.push({ label: 'restarts', value: String(pod.restarts) });
  return parts;
}

/** "snapshot incident.json · namespace shop · node worker-2 · age 3h · restarts 14". */
export function contextLine(diagnosis: Diagnosis, separator = ' · '): string {
  return contextParts(diagnosis)
    .map((part, index) => (index === 0 ? part.value : `${part.label} ${part.value}`))
    .join(separator);
}
