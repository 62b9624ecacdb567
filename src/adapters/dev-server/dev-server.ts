import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { SlackEnvironment } from '../../app/environment.ts';
import { openReader as openCliReader, type ReaderFlags } from '../../cli/open-reader.ts';
import { createSlackApp } from '../../slack/create-slack-app.ts';
import { jobFields, type SlackJob } from '../../slack/job.ts';
import { boltLogger, errorText, jsonLinesLogger, type Logger } from '../../slack/log.ts';
import { runJob, type OpenReader } from '../../slack/run-job.ts';
import { configuredClustersFile, TRIAGE_BUDGET_MS } from '../configured-clusters.ts';

// `npm run dev`: the same Bolt app as the ingress Lambda, on a local HTTP server (or over
// Socket Mode when SLACK_APP_TOKEN is set, so no tunnel is needed), with the worker inline:
// each job runs in this process right after the ack, as the Lambda worker would run it.

/** Where answers read from: the demo cluster, a kubeconfig, or the configuration's clusters. */
export type DevCluster = { demo: true } | { demo?: false; kubeconfig?: string; context?: string };

export interface DevServerOptions {
  environment: SlackEnvironment;
  cluster: DevCluster;
  /** HTTP mode only; 0 picks a free port. */
  port: number;
  /** The process environment, for the live reader (KUBECONFIG, AWS_REGION ...). */
  env: Record<string, string | undefined>;
  logger?: Logger;
}

export interface DevServer {
  mode: 'http' | 'socket';
  /** HTTP mode: where Slack (through a tunnel) or a test posts, http://127.0.0.1:PORT/slack/events. */
  url?: string;
  /** Resolves when every job started so far has answered. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const { environment } = options;
  const logger = options.logger ?? jsonLinesLogger();
  const running = new Set<Promise<void>>();
  const readerFor = devReaders(options);

  const dispatch = async (job: SlackJob): Promise<void> => {
    // Like the asynchronous invoke: accepted now, run after the listener has acked.
    const work = new Promise<void>((resolve) => setImmediate(resolve)).then(() => runInline(job));
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  async function runInline(job: SlackJob): Promise<void> {
    const opened: (() => Promise<void>)[] = [];
    let moment: Date | undefined;
    const openReader: OpenReader = async (cluster, ask) => {
      const result = await readerFor(cluster, ask.verb);
      if (!result.ok) return result;
      opened.push(result.close);
      // The demo answers at the moment it was recorded, as `k8s-why demo` does.
      moment = result.reader.capturedAt;
      return result;
    };
    try {
      await runJob(job, {
        botToken: environment.botToken,
        config: environment.config,
        openReader,
        ...(environment.slackApiUrl ? { slackApiUrl: environment.slackApiUrl } : {}),
        now: () => moment ?? new Date(),
        logger,
      });
    } catch (error) {
      logger.log('error', 'job failed', { ...jobFields(job), error: errorText(error) });
    } finally {
      await Promise.all(opened.map((close) => close()));
    }
  }

  const socketMode = Boolean(environment.appToken);
  const receiver: Receiver = socketMode
    ? new SocketModeReceiver({ appToken: environment.appToken!, logger: boltLogger(logger, 'socket-mode') })
    : new HTTPReceiver({ signingSecret: environment.signingSecret!, endpoints: EVENTS_PATH, logger: boltLogger(logger, 'http-receiver') });
  const app = createSlackApp({
    receiver,
    botToken: environment.botToken,
    config: environment.config,
    dispatch,
    ...(environment.slackApiUrl ? { clientOptions: { slackApiUrl: environment.slackApiUrl } } : {}),
    logger,
  });

  const idle = async () => {
    while (running.size > 0) await Promise.all(running);
  };
  const close = async () => {
    await idle();
    await app.stop();
  };
  if (socketMode) {
    await app.start();
    return { mode: 'socket', idle, close };
  }
  const server = (await app.start(options.port)) as Server;
  const { port } = server.address() as AddressInfo;
  return { mode: 'http', url: `http://127.0.0.1:${port}${EVENTS_PATH}`, idle, close };
}

type DevReader = Awaited<ReturnType<typeof openCliReader>>;

/**
 * The CLI's reader choice, so dev reads clusters exactly as `k8s-why why` does: --demo
 * starts the demo's replay API server per job (closed when the job has answered), a
 * kubeconfig or context reads that, else the configuration's clusters by name.
 */
function devReaders(options: DevServerOptions): (cluster: string | undefined, verb: SlackJob['command']['verb']) => Promise<DevReader> {
  const clustersFile = configuredClustersFile(options.environment.config);
  return async (cluster, verb) => {
    const flags: ReaderFlags = { env: options.env, ...(verb === 'triage' ? { budgetMs: TRIAGE_BUDGET_MS } : {}) };
    if (options.cluster.demo) return openCliReader({ ...flags, demo: true });
    const { kubeconfig, context } = options.cluster;
    if (kubeconfig || context) return openCliReader({ ...flags, ...(kubeconfig ? { kubeconfig } : {}), ...(context ? { context } : {}) });
    const clusters = await clustersFile();
    return openCliReader({ ...flags, ...(clusters ? { clusters } : {}), ...(cluster ? { cluster } : {}) });
  };
}
