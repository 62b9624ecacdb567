import type { Context } from 'aws-lambda';
import { loadEnvironment, type Env, type EnvironmentSources } from '../../app/environment.ts';
import type { SlackJob } from '../../slack/job.ts';
import { boltLogger, errorText, jsonLinesLogger, type Logger } from '../../slack/log.ts';
import { invokeWorker } from './invoke-worker.ts';
import { ssmParameterStore } from './ssm-parameters.ts';
import { readHttpEvent, type HttpRequest, type HttpResult } from './http-event.ts';

// The ingress Lambda behind the Function URL (serverless.yml: src/adapters/aws-lambda/ingress.handler).
// Slack waits 3 seconds and Bolt's AwsLambdaReceiver holds the reply until the listeners
// return, so this path does only cheap work: check the request, let Bolt ack, invoke the
// worker asynchronously. Module scope loads nothing heavy: Bolt, the app, the environment
// (SSM) and the AWS SDK are loaded on the first request and kept for the container's life.

type BoltHandler = (event: unknown, context: unknown) => Promise<HttpResult>;

type Verify = typeof import('@slack/bolt').verifySlackRequest;

type Started = { ok: true; signingSecret: string; verify: Verify; bolt: BoltHandler } | { ok: false; error: string };

export interface IngressOptions {
  /** Read once, at the first request; process.env by default. */
  env?: Env;
  sources?: EnvironmentSources;
  logger?: Logger;
  /** How a job reaches the worker; an asynchronous Lambda invoke by default. */
  dispatchTo?: (workerFunctionName: string) => (job: SlackJob) => Promise<void>;
}

export type IngressHandler = (event: unknown, context: Context) => Promise<HttpResult>;

/** Two arguments and a promise: the nodejs24.x runtime refuses callback-style handlers. */
export function createIngressHandler(options: IngressOptions = {}): IngressHandler {
  const logger = options.logger ?? jsonLinesLogger();
  let started: Promise<Started> | undefined;
  const start = () =>
    (started ??= startIngress(options, logger).then((result) => {
      // A failed start is retried by the next request: an SSM parameter may have been fixed.
      if (!result.ok) started = undefined;
      return result;
    }));

  return async (event, context) => {
    const request = readHttpEvent(event);
    if (!request.ok) {
      logger.log('warn', 'request rejected', { status: request.status, reason: request.reason });
      return { statusCode: request.status, body: request.reason };
    }
    const ready = await start();
    if (!ready.ok) return { statusCode: 500, body: 'k8s-why could not start: the ingress log says why' };

    // Slack's SSL check carries no command; Bolt answers it, as it would unsigned.
    if (!request.sslCheck) {
      const refused = signatureProblem(ready, request);
      if (refused) {
        logger.log('warn', 'request rejected', { status: 401, reason: refused });
        return { statusCode: 401, body: '' };
      }
    }
    try {
      return await ready.bolt(request.event, context);
    } catch (error) {
      // Bolt throws only while parsing the body (bad JSON, a payload= that is not JSON).
      logger.log('warn', 'request rejected', { status: 400, reason: `malformed body: ${errorText(error)}` });
      return { statusCode: 400, body: 'malformed body' };
    }
  };
}

async function startIngress(options: IngressOptions, logger: Logger): Promise<Started> {
  const began = performance.now();
  const loaded = await loadEnvironment('ingress', options.env ?? process.env, { parameters: ssmParameterStore, ...options.sources });
  if (!loaded.ok) {
    logger.log('error', `configuration: ${loaded.error}`, { runtime: 'ingress' });
    return loaded;
  }
  const environment = loaded.environment;
  const [{ AwsLambdaReceiver, verifySlackRequest }, { createSlackApp }] = await Promise.all([import('@slack/bolt'), import('../../slack/create-slack-app.ts')]);
  const receiver = new AwsLambdaReceiver({ signingSecret: environment.signingSecret!, logger: boltLogger(logger, 'aws-lambda-receiver') });
  createSlackApp({
    receiver,
    botToken: environment.botToken,
    config: environment.config,
    dispatch: (options.dispatchTo ?? invokeWorker)(environment.workerFunctionName!),
    ...(environment.slackApiUrl ? { clientOptions: { slackApiUrl: environment.slackApiUrl } } : {}),
    logger,
  });
  const bolt = (await receiver.start()) as BoltHandler;
  logger.log('info', 'ingress started', { runtime: 'ingress', config: environment.configOrigin, durationMs: Math.round(performance.now() - began) });
  return { ok: true, signingSecret: environment.signingSecret!, verify: verifySlackRequest, bolt };
}

/**
 * Slack's signature and timestamp, checked before anything in the body is read. Bolt checks
 * them again; this check exists to refuse an unsigned request whatever its body holds, and to
 * log why (stale, mismatch, missing) without logging the values.
 */
function signatureProblem(ready: Extract<Started, { ok: true }>, request: HttpRequest): string | undefined {
  const signature = request.header('x-slack-signature');
  const timestamp = request.header('x-slack-request-timestamp');
  if (!signature || !timestamp) return 'no X-Slack-Signature or X-Slack-Request-Timestamp header';
  if (!/^\d+$/.test(timestamp)) return 'X-Slack-Request-Timestamp is not a number of seconds';
  try {
    ready.verify({ signingSecret: ready.signingSecret, body: request.body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(timestamp) } });
    return undefined;
  } catch (error) {
    return errorText(error).replace(/^Failed to verify authenticity: /, '');
  }
}

/** The handler serverless.yml names. */
export const handler: IngressHandler = createIngressHandler();
