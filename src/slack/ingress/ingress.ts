import type { Command } from '../../commands/command.ts';
import type { AppConfig } from '../app-config.ts';
import { describeAsk, jobFields, type SlackJob } from '../job.ts';
import { errorText, type Logger } from '../log.ts';
import { escapeMrkdwn } from '../../render/slack/mrkdwn.ts';

/** What every listener needs; nothing here may be slow (Slack waits at most 3 seconds). */
export interface Ingress {
  config: AppConfig;
  dispatch: (job: SlackJob) => Promise<void>;
  logger: Logger;
  now: () => Date;
}

/** The first reply a person sees: "Looking at checkout-7d9f in shop on prod…". */
export function ackText(command: Command, namespace: string, cluster: string | undefined): string {
  // The target is whatever was typed: escaped, so "<!channel>" cannot ping anyone.
  const ask = escapeMrkdwn(describeAsk(command, namespace, cluster));
  switch (command.verb) {
    case 'triage':
      return `Triaging ${ask}…`;
    case 'describe':
      return `Describing ${ask}…`;
    case 'logs':
      return `Reading the ${command.previous ? 'previous ' : ''}logs of ${ask}…`;
    case 'events':
      return `Reading the events of ${ask}…`;
    default:
      return `Looking at ${ask}…`;
  }
}

/**
 * Hands a job to the worker. Once accepted the worker owns the one answer; if the hand-over
 * itself fails, nobody else will answer, so the person is told here, once.
 */
export async function handOver(ingress: Ingress, job: SlackJob, tellUser: (text: string) => Promise<unknown>): Promise<boolean> {
  const started = performance.now();
  try {
    await ingress.dispatch(job);
    ingress.logger.log('info', 'job dispatched', { ...jobFields(job), durationMs: Math.round(performance.now() - started) });
    return true;
  } catch (error) {
    const reason = errorText(error);
    ingress.logger.log('error', 'job dispatch failed', { ...jobFields(job), error: reason, durationMs: Math.round(performance.now() - started) });
    await tellUser(`:x: Could not start on ${escapeMrkdwn(describeAsk(job.command, job.namespace, job.cluster))}: the worker could not be reached (${escapeMrkdwn(reason)}). Try again in a minute.`).catch((tellError: unknown) =>
      ingress.logger.log('error', 'could not tell the user that dispatch failed', { jobId: job.id, error: errorText(tellError) }),
    );
    return false;
  }
}

/** Slack's ids for one request: the same click or event delivered twice gives the same job id. */
export function jobId(origin: SlackJob['origin'], slackId: string | undefined, now: Date): string {
  return `${origin}-${slackId && /^[\w.-]+$/.test(slackId) ? slackId : `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`}`;
}
