import type { Finding, FindingDraft, NextStep, RunbookLink } from '../findings/finding.ts';
import type { PlaybookSet, PlaybookStep } from './playbook-schema.ts';
import { isHttpUrl } from './runbook-annotation.ts';
import { fillTemplate, shellQuote, type Variables } from './template.ts';

/** What the diagnosis knows about the subject, beyond the detector's draft. */
export interface PlaybookContext {
  playbooks: PlaybookSet;
  namespace: string;
  pod?: string;
  /** The node the pod runs on, when it is bound. */
  node?: string;
  workload?: { kind: string; name: string };
  /** The k8s-why.io/runbook annotation of the pod or its workload (see findRunbookAnnotation). */
  runbook?: string;
  /** The detector's priority, used when the draft does not refine it. */
  priority: number;
}

/**
 * A detector's draft as a person reads it: the playbook's explanation and next steps filled
 * with this case's names and numbers, and the runbook to open. Steps whose `when` variables the
 * finding lacks are left out, so a command is never printed with a hole in it.
 */
export function applyPlaybook(draft: FindingDraft, context: PlaybookContext): Finding {
  const playbook = context.playbooks[draft.id];
  const vars = findingVariables(draft, context);
  const nextSteps = playbook.steps.filter((step) => applies(step, vars)).map((step) => nextStep(step, vars));
  const guide: RunbookLink = {
    url: playbook.runbook.url,
    ...(playbook.runbook.title !== undefined ? { title: fillTemplate(playbook.runbook.title, vars) } : {}),
  };
  const teamRunbook = workloadRunbook(context);
  if (teamRunbook !== undefined) {
    // The workload's own runbook knows its dashboards and owners, so it takes the link; the
    // generic guide stays reachable as the last step.
    nextSteps.push({ text: `General guide: ${guide.title ?? 'the upstream documentation'}: ${guide.url}` });
  }
  return {
    ...draft,
    title: draft.title !== '' ? draft.title : fillTemplate(playbook.title, vars),
    priority: draft.priority ?? context.priority,
    explanation: fillTemplate(playbook.explanation, vars),
    nextSteps,
    runbook: teamRunbook ?? guide,
  };
}

/** Subject first, then the container the draft names, then the detector's own vars. */
function findingVariables(draft: FindingDraft, context: PlaybookContext): Variables {
  return {
    namespace: context.namespace,
    pod: context.pod,
    node: context.node,
    workload: context.workload?.name,
    // kubectl's resource/name form: "deployment/checkout".
    workloadKind: context.workload?.kind.toLowerCase(),
    rolloutTarget: rolloutTarget(context.workload),
    container: draft.container,
    ...draft.vars,
  };
}

// Only these kinds have a rollout history, so `kubectl rollout history|undo|status` work on them.
const ROLLOUT_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function rolloutTarget(workload: PlaybookContext['workload']): string | undefined {
  return workload !== undefined && ROLLOUT_KINDS.has(workload.kind) ? `${workload.kind.toLowerCase()}/${workload.name}` : undefined;
}

function has(vars: Variables, name: string): boolean {
  const value = vars[name];
  return value !== undefined && value !== '';
}

function applies(step: PlaybookStep, vars: Variables): boolean {
  return (step.when ?? []).every((name) => has(vars, name)) && !(step.unless ?? []).some((name) => has(vars, name));
}

function nextStep(step: PlaybookStep, vars: Variables): NextStep {
  const text = fillTemplate(step.text, vars);
  return {
    text: step.changesCluster === true ? `Changes the cluster: ${text}` : text,
    ...(step.command !== undefined ? { command: fillTemplate(step.command, vars, shellQuote) } : {}),
  };
}

function workloadRunbook(context: PlaybookContext): RunbookLink | undefined {
  const url = context.runbook?.trim();
  if (url === undefined || !isHttpUrl(url)) return undefined;
  const owner = context.workload !== undefined ? `${context.workload.kind.toLowerCase()}/${context.workload.name}` : context.pod;
  return { url, title: owner !== undefined ? `Runbook for ${owner}` : 'Team runbook' };
}
