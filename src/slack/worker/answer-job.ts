import { triageRow } from '../../app/triage-rows.ts';
import type { Command } from '../../commands/command.ts';
import { diagnose, type DiagnoseOptions } from '../../core/diagnose.ts';
import type { Diagnosis } from '../../core/diagnosis.ts';
import type { ClusterReader } from '../../core/reader/cluster-reader.ts';
import { readPodLogs } from '../../core/read-pod-logs.ts';
import { triage } from '../../core/triage.ts';
import { gapLine } from '../../render/answer-parts.ts';
import { actionsBlock } from '../../render/slack/actions.ts';
import { context as contextBlock, section, type SlackMessage } from '../../render/slack/block-kit.ts';
import { fitSlackLimits } from '../../render/slack/limits.ts';
import { escapeMrkdwn, inlineCode } from '../../render/slack/mrkdwn.ts';
import { renderBlocks } from '../../render/slack/render-blocks.ts';
import { renderTriageBlocks } from '../../render/slack/render-triage-blocks.ts';
import { answerButtons, type AnsweredPod } from '../buttons.ts';
import { commandLine, describeAsk, type SlackJob } from '../job.ts';
import { helpText } from '../usage.ts';
import { describeBlocks, eventsBlocks, logBlocks } from './pod-view-blocks.ts';

export interface Answer {
  message: SlackMessage;
  /** A log too long for the message: attached in the answer's thread when there is one. */
  file?: { filename: string; title: string; content: string };
  /** For the log line: the top finding, or what was shown. */
  summary: string;
  /** Set when the message says what failed instead of answering. */
  failure?: string;
}

export interface AnswerContext {
  reader: ClusterReader;
  options: DiagnoseOptions;
  now: Date;
  /** The slash command people type, for "ask again" lines: "/k8s". */
  slashCommand: string;
}

/** Runs the job's command against the cluster and renders the answer for Slack. */
export async function answerJob(job: SlackJob, context: AnswerContext): Promise<Answer> {
  const command = job.command;
  switch (command.verb) {
    case 'help':
      return { message: { text: 'k8s-why help', blocks: [section(helpText(context.slashCommand, command.topic))] }, summary: 'help' };
    case 'triage':
      return answerTriage(job, command.allNamespaces, context);
    case 'logs':
      return answerLogs(job, command, context);
    default: {
      const result = await diagnose(context.reader, { target: command.target, namespace: job.namespace }, context.options);
      if (!result.ok) return failureAnswer(job, result.error, context.slashCommand);
      const diagnosis = result.diagnosis;
      const buttons = answerButtons(job, answeredPod(diagnosis));
      const message =
        command.verb === 'describe'
          ? describeBlocks(diagnosis, buttons)
          : command.verb === 'events'
            ? eventsBlocks(diagnosis, buttons)
            : renderBlocks(diagnosis, { actions: buttons, invocation: `${context.slashCommand} why` });
      return { message, summary: diagnosis.findings[0]?.id ?? 'no finding' };
    }
  }
}

/** The pod the answer is about, and whether it has a previous instance to read logs from. */
function answeredPod(diagnosis: Diagnosis): AnsweredPod | undefined {
  const pod = diagnosis.subject.pod;
  if (!pod) return undefined;
  const restartedContainer = pod.containers.find((c) => c.restarts > 0);
  const container = diagnosis.logs.find((log) => log.previous)?.container ?? restartedContainer?.name;
  return { pod: pod.name, restarted: restartedContainer !== undefined, ...(container ? { container } : {}) };
}

async function answerTriage(job: SlackJob, allNamespaces: boolean, context: AnswerContext): Promise<Answer> {
  const result = await triage(context.reader, allNamespaces ? {} : { namespace: job.namespace }, context.options);
  const listFailed = result.gaps.find((gap) => gap.what.startsWith('list pods'));
  if (result.diagnoses.length === 0 && listFailed) return failureAnswer(job, `could not ${listFailed.what} (${listFailed.code}): ${listFailed.detail}`, context.slashCommand);
  const rendered = renderTriageBlocks(result.diagnoses.map(triageRow), { scope: describeAsk(job.command, job.namespace, job.cluster) });
  const notes = [
    ...(result.healthy > 0 ? [`${result.healthy} other pods look healthy.`] : []),
    ...result.gaps.map((gap) => `:warning: could not read: ${escapeMrkdwn(gapLine(gap))}`),
  ];
  const blocks = [...rendered.blocks, ...(notes.length > 0 ? [contextBlock(...notes.slice(0, 10))] : []), actionsBlock(answerButtons(job, undefined))];
  const unhealthy = result.diagnoses.filter((d) => d.findings[0]?.id !== 'healthy').length;
  return { message: fitSlackLimits({ text: rendered.text, blocks }), summary: `triage: ${unhealthy} need attention` };
}

async function answerLogs(job: SlackJob, command: Extract<Command, { verb: 'logs' }>, context: AnswerContext): Promise<Answer> {
  const result = await readPodLogs(
    context.reader,
    { target: command.target, namespace: job.namespace, previous: command.previous, ...(command.container ? { container: command.container } : {}) },
    context.options.redact ?? ((text) => text),
    context.now,
  );
  if (!result.ok) return failureAnswer(job, result.error, context.slashCommand);
  const view = { pod: result.pod, container: result.container, namespace: job.namespace, previous: result.previous, text: result.text };
  const { message, complete } = logBlocks(view, answerButtons(job, undefined));
  const lines = result.text ? result.text.split('\n').length : 0;
  if (complete) return { message, summary: `logs: ${lines} lines` };
  const suffix = result.previous ? '-previous' : '';
  return {
    message,
    file: { filename: `${result.pod}-${result.container}${suffix}.log`, title: `${result.pod} -c ${result.container}${result.previous ? ' (previous)' : ''}`, content: result.text },
    summary: `logs: ${lines} lines, attached`,
  };
}

/**
 * The one message a person gets when there is no answer: what was asked and what failed, in
 * words (never a stack trace), with the same command to try again.
 */
export function failureAnswer(job: SlackJob, reason: string, slashCommand: string): Answer {
  const asked = `${slashCommand} ${commandLine(job)}`;
  const text = `Could not answer ${asked}: ${reason}`;
  const blocks = [section(`:x: *Could not answer* ${inlineCode(asked)}\n${escapeMrkdwn(reason)}`), contextBlock(escapeMrkdwn(`namespace ${job.namespace}${job.cluster ? ` · cluster ${job.cluster}` : ''}`))];
  return { message: fitSlackLimits({ text: escapeMrkdwn(text), blocks }), summary: 'failure', failure: reason };
}
