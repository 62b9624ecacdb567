import type { Context } from 'aws-lambda';
import { loadEnvironment, type Env, type EnvironmentSources } from '../../app/environment.ts';
import type { AppConfig } from '../../slack/app-config.ts';
import { jobFields, type SlackJob } from '../../slack/job.ts';
import { errorText, jsonLinesLogger, type Logger } from '../../slack/log.ts';
import type { JobOutcome, OpenReader } from '../../slack/run-job.ts';
import { configuredClusterReader } from '../configured-clusters.ts';
import { ssmParameterStore } from './ssm-parameters.ts';

// The worker Lambda (serverless.yml: src/adapters/aws-lambda/worker.handler), invoked
// asynchronously by the ingress with one SlackJob. runJob posts exactly one message, the
// answer or what failed. Lambda must never run a job twice (maximumRetryAttempts: 0): a job
// that ran has posted. When no message could be posted at all, the handler throws, so the
// job lands in the on-failure queue for someone to look at.

/** Kept back from Lambda's timeout, so "did not finish in time" can still be posted. */
const POSTING_MARGIN_MS = 15_000;

type Started = { ok: true; botToken: string; config: AppConfig; slackApiUrl?: string; openReader: OpenReader } | { ok: false; error: string };

export interface WorkerOptions {
  env?: Env;
  sources?: EnvironmentSources;
  logger?: Logger;
  /** The cluster for a job; the configuration's clusters through the live reader by default. */
  openReader?: (config: AppConfig, env: Env) => OpenReader;
}

export type WorkerHandler = (event: unknown, context: Pick<Context, 'getRemainingTimeInMillis'>) => Promise<JobOutcome>;

export class UndeliveredJobError extends Error {
  override name = 'UndeliveredJobError';
}

export function createWorkerHandler(options: WorkerOptions = {}): WorkerHandler {
  const logger = options.logger ?? jsonLinesLogger();
  const env = options.env ?? process.env;
  let started: Promise<Started> | undefined;
  const start = () =>
    (started ??= startWorker(options, env, logger).then((result) => {
      if (!result.ok) started = undefined;
      return result;
    }));

  return async (event, context) => {
    const job = readJob(event);
    if (typeof job === 'string') {
      logger.log('error', 'not a job', { reason: job });
      throw new UndeliveredJobError(`the worker was invoked with something that is not a SlackJob: ${job}`);
    }
    const ready = await start();
    if (!ready.ok) {
      await tellCannotStart(job, logger);
      throw new UndeliveredJobError(`job ${job.id}: the worker could not start: ${ready.error}`);
    }
    const { runJob } = await import('../../slack/run-job.ts');
    const outcome = await runJob(job, {
      botToken: ready.botToken,
      config: ready.config,
      openReader: ready.openReader,
      ...(ready.slackApiUrl ? { slackApiUrl: ready.slackApiUrl } : {}),
      logger,
      deadlineMs: Math.max(context.getRemainingTimeInMillis() - POSTING_MARGIN_MS, 1_000),
    });
    if (outcome.delivered === 'none') throw new UndeliveredJobError(`job ${job.id}: no message reached Slack: ${outcome.deliveryError ?? 'every route failed'}`);
    return outcome;
  };
}

async function startWorker(options: WorkerOptions, env: Env, logger: Logger): Promise<Started> {
  const loaded = await loadEnvironment('worker', env, { parameters: ssmParameterStore, ...options.sources });
  if (!loaded.ok) {
    logger.log('error', `configuration: ${loaded.error}`, { runtime: 'worker' });
    return loaded;
  }
  const { botToken, config, slackApiUrl, configOrigin } = loaded.environment;
  logger.log('info', 'worker started', { runtime: 'worker', config: configOrigin });
  return { ok: true, botToken, config, ...(slackApiUrl ? { slackApiUrl } : {}), openReader: (options.openReader ?? configuredClusterReader)(config, env) };
}

/**
 * The ingress wrote the job, so this is a check against being invoked by hand or by a
 * mismatched deploy, not a schema: enough to answer and to log who asked.
 */
function readJob(event: unknown): SlackJob | string {
  if (typeof event !== 'object' || event === null) return `a ${event === null ? 'null' : typeof event}`;
  const job = event as Partial<Record<keyof SlackJob, unknown>>;
  const missing: string[] = (['id', 'teamId', 'channelId', 'userId', 'namespace', 'receivedAt'] as const).filter((key) => typeof job[key] !== 'string');
  if (typeof (job.command as { verb?: unknown } | undefined)?.verb !== 'string') missing.push('command');
  if (job.visibility !== 'in_channel' && job.visibility !== 'ephemeral') missing.push('visibility');
  return missing.length > 0 ? `missing or wrong: ${missing.join(', ')}` : (event as SlackJob);
}

/**
 * With no bot token or configuration there is still the job's response_url, which needs
 * neither: the person hears that k8s-why is broken rather than nothing. The details (which
 * parameter, which permission) are for the operator, in the log line above.
 */
async function tellCannotStart(job: SlackJob, logger: Logger): Promise<void> {
  if (!job.responseUrl) return;
  const [{ failureAnswer }, { postToResponseUrl }] = await Promise.all([import('../../slack/worker/answer-job.ts'), import('../../slack/worker/response-url.ts')]);
  const answer = failureAnswer(job, 'k8s-why is misconfigured: its worker could not load its configuration. The worker log says which setting.', '/k8s');
  const posted = await postToResponseUrl(job.responseUrl, answer.message, 'ephemeral').catch((error: unknown) => ({ outcome: 'uncertain' as const, reason: errorText(error) }));
  logger.log(posted.outcome === 'posted' ? 'info' : 'error', 'told the user the worker cannot start', { ...jobFields(job), outcome: posted.outcome });
}

/** The handler serverless.yml names. */
export const handler: WorkerHandler = createWorkerHandler();
