import { productionOptions } from '../app/diagnose-options.ts';
import type { ClusterReader } from '../core/reader/cluster-reader.ts';
import { context, type Block, type SlackMessage } from '../render/slack/block-kit.ts';
import { fitSlackLimits } from '../render/slack/limits.ts';
import { escapeMrkdwn } from '../render/slack/mrkdwn.ts';
import type { AppConfig } from './app-config.ts';
import { jobFields, type SlackJob } from './job.ts';
import { errorText, jsonLinesLogger, type Logger } from './log.ts';
import { createWebClient } from './slack-client.ts';
import { answerJob, failureAnswer, type Answer } from './worker/answer-job.ts';
import { deliver, type Attempt, type Route } from './worker/deliver.ts';

export type OpenedReader = { ok: true; reader: ClusterReader; defaultNamespace: string } | { ok: false; error: string };

/** openLiveReader fits as it is; `ask` lets the caller give triage its longer read budget. */
export type OpenReader = (cluster: string | undefined, ask: { verb: SlackJob['command']['verb'] }) => Promise<OpenedReader>;

export interface RunJobDeps {
  botToken: string;
  config: AppConfig;
  openReader: OpenReader;
  slackApiUrl?: string;
  /** The diagnosis' "now"; the wall clock by default (a live cluster has no clock of its own). */
  now?: () => Date;
  logger?: Logger;
  /**
   * Answer with "did not finish in time" this long after starting, so a hung read still gets
   * its one message before the platform kills the worker (in Lambda: its timeout minus a margin).
   */
  deadlineMs?: number;
  /** The longest Slack Retry-After honoured, once. Default 10 s. */
  maxRetryWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface JobOutcome {
  jobId: string;
  /** What the message said: the answer, or what failed. */
  answered: 'answer' | 'failure';
  /** How it reached Slack; 'none' when every route failed (then it is in the logs only). */
  delivered: Route | 'none';
  ts?: string;
  attempts: Attempt[];
  file: 'none' | 'uploaded' | 'not-attached' | 'failed';
  failure?: string;
  deliveryError?: string;
  durationMs: number;
}

/**
 * The worker: runs one job and posts exactly one message, the answer or what failed. Nothing
 * is retried in a way that could post twice; the caller must not retry either
 * (maximumRetryAttempts: 0), since a job that ran has already answered.
 */
export async function runJob(job: SlackJob, deps: RunJobDeps): Promise<JobOutcome> {
  const logger = deps.logger ?? jsonLinesLogger();
  const started = performance.now();
  const elapsedMs = () => Math.round(performance.now() - started);
  logger.log('info', 'job started', jobFields(job));

  let answer: Answer;
  try {
    answer = await withDeadline(produceAnswer(job, deps), deps.deadlineMs, () =>
      failureAnswer(job, `the cluster did not answer within ${Math.round((deps.deadlineMs ?? 0) / 1000)} s; try again, or narrow it down (one pod instead of a triage)`, deps.config.slashCommand),
    );
  } catch (error) {
    // A bug of ours: the person still hears that it failed, in one line.
    logger.log('error', 'job failed', { ...jobFields(job), error: errorText(error) });
    answer = failureAnswer(job, `k8s-why failed: ${errorText(error)}`, deps.config.slashCommand);
  }

  const message = withFooter(answer.message, job, elapsedMs());
  const client = createWebClient(deps.botToken, deps.slackApiUrl, logger);
  const delivery = await deliver(message, job, { client, logger, sleep: deps.sleep ?? sleep, maxRetryWaitMs: deps.maxRetryWaitMs ?? 10_000 });

  let file: JobOutcome['file'] = 'none';
  if (answer.file && delivery.ok) {
    // Files need a message to thread under, which only a visible post has.
    const threadTs = delivery.route === 'chat.postMessage' ? (job.threadTs ?? delivery.ts) : undefined;
    file = threadTs ? await attachFile(client, job, threadTs, answer.file, logger) : 'not-attached';
  }

  const outcome: JobOutcome = {
    jobId: job.id,
    answered: answer.failure ? 'failure' : 'answer',
    delivered: delivery.ok ? delivery.route : 'none',
    ...(delivery.ok && delivery.ts ? { ts: delivery.ts } : {}),
    attempts: delivery.attempts,
    file,
    ...(answer.failure ? { failure: answer.failure } : {}),
    ...(!delivery.ok ? { deliveryError: delivery.reason } : {}),
    durationMs: elapsedMs(),
  };
  logger.log(delivery.ok ? 'info' : 'error', delivery.ok ? 'job answered' : 'job answer not delivered', {
    ...jobFields(job),
    answered: outcome.answered,
    summary: answer.summary,
    delivered: outcome.delivered,
    file,
    failure: answer.failure ? errorText(answer.failure) : undefined,
    deliveryError: outcome.deliveryError,
    durationMs: outcome.durationMs,
  });
  return outcome;
}

async function produceAnswer(job: SlackJob, deps: RunJobDeps): Promise<Answer> {
  const app = productionOptions(deps.config.playbooksDir ? { playbookDir: deps.config.playbooksDir } : {});
  if (!app.ok) return failureAnswer(job, app.error, deps.config.slashCommand);
  const opened = await deps.openReader(job.cluster, { verb: job.command.verb });
  if (!opened.ok) return failureAnswer(job, `cannot read cluster ${job.cluster ?? '(default)'}: ${opened.error}`, deps.config.slashCommand);
  const now = deps.now?.() ?? new Date();
  return answerJob(job, { reader: opened.reader, options: { ...app.options, now }, now, slashCommand: deps.config.slashCommand });
}

/** The context line gains the time taken and, when the reader's name does not say it, the cluster. */
function withFooter(message: SlackMessage, job: SlackJob, ms: number): SlackMessage {
  const took = `took ${(ms / 1000).toFixed(1)} s`;
  const cluster = job.cluster ? `cluster *${escapeMrkdwn(job.cluster)}*` : undefined;
  const blocks: Block[] = [...message.blocks];
  const at = blocks.findLastIndex((block) => block.type === 'context');
  if (at === -1 || blocks.slice(at + 1).some((block) => block.type !== 'actions')) {
    const actions = blocks.findIndex((block) => block.type === 'actions');
    blocks.splice(actions === -1 ? blocks.length : actions, 0, context(...(cluster ? [cluster] : []), took));
  } else {
    const line = blocks[at] as Extract<Block, { type: 'context' }>;
    const saysCluster = !job.cluster || line.elements.some((element) => element.text.includes(job.cluster!));
    const extra = [...(cluster && !saysCluster ? [cluster] : []), took];
    blocks[at] = { ...line, elements: [...line.elements, ...extra.map((text) => ({ type: 'mrkdwn' as const, text }))] };
  }
  return fitSlackLimits({ text: message.text, blocks });
}

async function attachFile(client: ReturnType<typeof createWebClient>, job: SlackJob, threadTs: string, file: NonNullable<Answer['file']>, logger: Logger): Promise<JobOutcome['file']> {
  try {
    await client.filesUploadV2({ channel_id: job.channelId, thread_ts: threadTs, filename: file.filename, title: file.title, content: file.content });
    return 'uploaded';
  } catch (error) {
    // The answer is already posted and says how to read the whole log; no second message.
    logger.log('warn', 'log file not attached', { jobId: job.id, error: errorText(error) });
    return 'failed';
  }
}

async function withDeadline<T>(work: Promise<T>, ms: number | undefined, onTimeout: () => T): Promise<T> {
  if (!ms) return work;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
