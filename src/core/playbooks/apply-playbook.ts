import type { Finding, FindingDraft, NextStep, RunbookLink } from '../findings/finding.ts';
import type { PlaybookSet, PlaybookStep } from './playbook-schema.ts';
import { fillTemplate, shellQuote, type Variables } from './template.ts';

/** What the diagnosis adds to a draft: the playbooks, the subject's variables, the workload's runbook. */
export interface PlaybookContext {
  playbooks: PlaybookSet;
  /**
   * The subject's variables (namespace, pod, node, workload, workloadKind, target ...), possibly
   * already merged with the draft's; the draft's own vars and container win over them.
   */
  vars: Readonly<Record<string, string>>;
  /** The k8s-why.io/runbook annotation of the pod or its workload; ignored unless an http(s) URL. */
  runbook?: string;
}

/**
 * A detector's draft as a person reads it: the playbook's explanation and next steps filled
 * with this case's names and numbers, and the runbook to open. Steps whose `when` variables the
 * finding lacks are left out, so a command is never printed with a hole in it.
 */
export function applyPlaybook(draft: FindingDraft & { priority: number }, context: PlaybookContext): Finding {
  const playbook = context.playbooks[draft.id];
  const vars = findingVariables(draft, context.vars);
  const nextSteps = playbook.steps.filter((step) => applies(step, vars)).map((step) => nextStep(step, vars));
  const guide: RunbookLink = {
    url: playbook.runbook.url,
    ...(playbook.runbook.title !== undefined ? { title: fillTemplate(playbook.runbook.title, vars) } : {}),
  };
  const teamRunbook = workloadRunbook(context.runbook, vars);
  if (teamRunbook !== undefined) {
    // The workload's own runbook knows its dashboards and owners, so it takes the link; the
    // generic guide stays reachable as the last step.
    nextSteps.push({ text: `General guide: ${guide.title ?? 'the upstream documentation'}: ${guide.url}` });
  }
  return {
    ...draft,
    title: draft.title !== '' ? draft.title : fillTemplate(playbook.title, vars),
    explanation: fillTemplate(playbook.explanation, vars),
    nextSteps,
    runbook: teamRunbook ?? guide,
  };
}

/** The subject's variables, then the detector's, then the container the draft is about. */
function findingVariables(draft: FindingDraft, subject: Variables): Variables {
  const vars: Record<string, string | undefined> = {
    ...subject,
    ...draft.vars,
    ...(draft.container !== undefined ? { container: draft.container } : {}),
  };
  vars.rolloutTarget ??= rolloutTarget(vars.workloadKind, vars.workload);
  return vars;
}

// Only these kinds keep a rollout history, so `kubectl rollout history|status|undo` work on them.
const ROLLOUT_KINDS = new Set(['deployment', 'deploy', 'statefulset', 'sts', 'daemonset', 'ds']);

function rolloutTarget(kind: string | undefined, name: string | undefined): string | undefined {
  if (kind === undefined || name === undefined || name === '') return undefined;
  return ROLLOUT_KINDS.has(kind.toLowerCase()) ? `${kind.toLowerCase()}/${name}` : undefined;
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

function workloadRunbook(annotation: string | undefined, vars: Variables): RunbookLink | undefined {
  const url = annotation?.trim();
  if (url === undefined || !isHttpUrl(url)) return undefined;
  const owner = has(vars, 'workload') ? `${vars.workloadKind ?? 'workload'}/${vars.workload}` : vars.pod;
  return { url, title: owner !== undefined ? `Runbook for ${owner}` : 'Team runbook' };
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
