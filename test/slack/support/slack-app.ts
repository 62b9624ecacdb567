import { HTTPReceiver } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../../../src/slack/app-config.ts';
import { createSlackApp } from '../../../src/slack/create-slack-app.ts';
import type { SlackJob } from '../../../src/slack/job.ts';
import { boltLogger, type LogFields, type Logger, type LogLevel } from '../../../src/slack/log.ts';
import { SIGNING_SECRET } from './signed-requests.ts';

export interface LogLine extends LogFields {
  level: LogLevel;
  msg: string;
}

/** Keeps log lines for assertions (and proves what they hold: no tokens, no bodies). */
export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { lines, log: (level, msg, fields = {}) => void lines.push({ level, msg, ...fields }) };
}

export interface RunningSlackApp {
  /** Where Slack would send every request: http://127.0.0.1:PORT/slack/events */
  url: string;
  jobs: SlackJob[];
  logger: ReturnType<typeof recordingLogger>;
  close(): Promise<void>;
}

export const BOT_TOKEN = 'xoxb-0000000000-test-bot-token';

/** The real Bolt HTTPReceiver on loopback with every listener of createSlackApp. */
export async function startSlackApp(options: { config: AppConfig; slackApiUrl: string; dispatch?: (job: SlackJob) => Promise<void> }): Promise<RunningSlackApp> {
  const logger = recordingLogger();
  const jobs: SlackJob[] = [];
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logger: boltLogger(logger, 'receiver') });
  createSlackApp({
    receiver,
    botToken: BOT_TOKEN,
    config: options.config,
    dispatch: async (job) => {
      jobs.push(job);
      await options.dispatch?.(job);
    },
    clientOptions: { slackApiUrl: options.slackApiUrl },
    logger,
  });
  const server = await receiver.start({ port: 0, host: '127.0.0.1' });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, jobs, logger, close: () => receiver.stop() };
}
