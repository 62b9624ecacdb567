import type { Command } from '../commands/command.ts';
import type { LogFields } from './log.ts';

/**
 * What the ingress hands to the worker: small JSON, no secrets (the response_url is a
 * short-lived capability for this one conversation, not a credential). Channel bindings are
 * already applied, so the worker never second-guesses where to look.
 */
export type SlackJob = {
  /** Derived from Slack's trigger or event id: the same click or event gives the same id. */
  id: string;
  command: Command;
  origin: 'slash' | 'mention' | 'shortcut' | 'button';
  teamId: string;
  channelId: string;
  userId: string;
  /** Answer in this thread (mention, shortcut, follow-up buttons). */
  threadTs?: string;
  /** Slash commands, shortcuts and buttons. */
  responseUrl?: string;
  visibility: 'in_channel' | 'ephemeral';
  cluster?: string;
  namespace: string;
  /** ISO time the ingress accepted it. */
  receivedAt: string;
};

export type Visibility = SlackJob['visibility'];

/** "checkout-7d9f in shop on prod", "namespace shop on prod", "all namespaces". */
export function describeAsk(command: Command, namespace: string, cluster: string | undefined): string {
  const on = cluster ? ` on ${cluster}` : '';
  if (command.verb === 'triage') return `${command.allNamespaces ? 'all namespaces' : `namespace ${namespace}`}${on}`;
  if (command.verb === 'help') return 'help';
  return `${command.target} in ${namespace}${on}`;
}

/** The command as a person would type it after the slash command: "why checkout -n shop --cluster prod". */
export function commandLine(job: Pick<SlackJob, 'command' | 'namespace' | 'cluster'>): string {
  const { command } = job;
  const cluster = job.cluster ? ` --cluster ${job.cluster}` : '';
  switch (command.verb) {
    case 'help':
      return `help${command.topic ? ` ${command.topic}` : ''}`;
    case 'triage':
      return `triage ${command.allNamespaces ? '-A' : `-n ${job.namespace}`}${cluster}`;
    case 'logs':
      return `logs ${command.target} -n ${job.namespace}${command.container ? ` -c ${command.container}` : ''}${command.previous ? ' --previous' : ''}${cluster}`;
    default:
      return `${command.verb} ${command.target} -n ${job.namespace}${cluster}`;
  }
}

/** What every log line about a job carries: enough to find it, nothing a message could leak. */
export function jobFields(job: SlackJob): LogFields {
  return {
    jobId: job.id,
    origin: job.origin,
    verb: job.command.verb,
    team: job.teamId,
    channel: job.channelId,
    target: 'target' in job.command ? job.command.target : undefined,
    namespace: job.namespace,
    cluster: job.cluster,
    visibility: job.visibility,
  };
}
