import { z } from 'zod';
import { commandSchema, type Command } from '../commands/command.ts';
import type { ActionButton } from '../render/slack/actions.ts';
import type { SlackJob, Visibility } from './job.ts';

// The buttons under an answer. A click comes back as a block action carrying the button's
// value: the answered command and where it was answered, so the click needs no state on our side.

export const BUTTON = {
  previousLogs: 'k8s_why_previous_logs',
  events: 'k8s_why_events',
  rerun: 'k8s_why_rerun',
  share: 'k8s_why_share',
} as const;

export const BUTTON_ACTION_ID = /^k8s_why_/;

const contextSchema = z.strictObject({
  command: commandSchema,
  namespace: z.string().min(1),
  cluster: z.string().min(1).optional(),
  threadTs: z.string().min(1).optional(),
  visibility: z.enum(['in_channel', 'ephemeral']),
  /** The pod the answer resolved to: follow-ups ask about it exactly, not the prefix typed. */
  pod: z.string().min(1).optional(),
  /** The container whose previous instance died, for "Previous logs". */
  container: z.string().min(1).optional(),
});

export type ButtonContext = z.infer<typeof contextSchema>;

/** What the answered pod offers: previous logs only exist once a container has restarted. */
export interface AnsweredPod {
  pod: string;
  restarted: boolean;
  container?: string;
}

export function answerButtons(job: SlackJob, answered: AnsweredPod | undefined): ActionButton[] {
  const context: ButtonContext = {
    command: job.command,
    namespace: job.namespace,
    ...(job.cluster ? { cluster: job.cluster } : {}),
    ...(job.threadTs ? { threadTs: job.threadTs } : {}),
    visibility: job.visibility,
    ...(answered ? { pod: answered.pod } : {}),
    ...(answered?.container ? { container: answered.container } : {}),
  };
  const value = JSON.stringify(context);
  const buttons: ActionButton[] = [];
  if (answered?.restarted) buttons.push({ text: 'Previous logs', actionId: BUTTON.previousLogs, value });
  if (answered) buttons.push({ text: 'Events', actionId: BUTTON.events, value });
  buttons.push({ text: 'Re-run', actionId: BUTTON.rerun, value });
  if (job.visibility === 'ephemeral') buttons.push({ text: 'Share in channel', actionId: BUTTON.share, value, style: 'primary' });
  return buttons;
}

export type ButtonFollowUp = { ok: true; command: Command; context: ButtonContext; visibility: Visibility } | { ok: false; error: string };

/** The command a click asks for. A value we cannot read (an older release's button) says so. */
export function followUpFor(actionId: string, value: string | undefined): ButtonFollowUp {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '');
  } catch {
    return { ok: false, error: 'this button carries no question I can read; ask again with the slash command' };
  }
  const checked = contextSchema.safeParse(parsed);
  if (!checked.success) return { ok: false, error: 'this button is from an answer I can no longer read; ask again with the slash command' };
  const context = checked.data;
  const answered = context.command;
  const target = context.pod ? `pod/${context.pod}` : 'target' in answered ? answered.target : undefined;
  switch (actionId) {
    case BUTTON.previousLogs:
      if (!target) break;
      return { ok: true, context, visibility: context.visibility, command: { verb: 'logs', target, previous: true, ...(context.container ? { container: context.container } : {}) } };
    case BUTTON.events:
      if (!target) break;
      return { ok: true, context, visibility: context.visibility, command: { verb: 'events', target } };
    case BUTTON.rerun:
      return { ok: true, context, visibility: context.visibility, command: answered };
    case BUTTON.share:
      return { ok: true, context, visibility: 'in_channel', command: answered };
  }
  return { ok: false, error: `unknown button ${actionId}` };
}
