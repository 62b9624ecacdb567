import type { DiagnoseOptions } from '../core/diagnose.ts';
import { buildLogExcerpts } from '../core/logs/log-excerpts.ts';
import { applyPlaybook } from '../core/playbooks/apply-playbook.ts';
import { redactText } from '../core/redaction/redact-text.ts';
import { loadPlaybooks } from '../playbooks/load-playbooks.ts';
import { formatPlaybookIssue } from '../playbooks/playbook-issue.ts';

export interface AppOptions {
  /** A team's playbook directory layered over the built-in playbooks. */
  playbookDir?: string;
}

export type AppOptionsResult = { ok: true; options: DiagnoseOptions; warnings: string[] } | { ok: false; error: string };

/**
 * The composition root every front end (CLI, Slack worker, dev server) uses, so they all
 * answer alike: built-in and team playbooks, secret redaction, log excerpts. A broken playbook
 * stops start-up with the file and line, rather than an answer without next steps later.
 */
export function productionOptions(options: AppOptions = {}): AppOptionsResult {
  const loaded = loadPlaybooks({ overrideDir: options.playbookDir });
  if (!loaded.ok) {
    const first = loaded.errors.slice(0, 3).map(formatPlaybookIssue).join('; ');
    const more = loaded.errors.length > 3 ? ` (and ${loaded.errors.length - 3} more: run k8s-why playbooks check)` : '';
    return { ok: false, error: `playbooks are invalid: ${first}${more}` };
  }
  const playbooks = loaded.playbooks;
  return {
    ok: true,
    warnings: loaded.warnings.map(formatPlaybookIssue),
    options: {
      explain: (draft, context) => applyPlaybook(draft, { playbooks, vars: context.vars, runbook: context.runbook }),
      redact: redactText,
      excerptLogs: buildLogExcerpts,
    },
  };
}
