import { App, type BlockAction, type ButtonAction, type Receiver } from '@slack/bolt';
import type { AppConfig } from './app-config.ts';
import { BUTTON_ACTION_ID } from './buttons.ts';
import { appMentionListener } from './ingress/app-mention.ts';
import { buttonClickListener } from './ingress/button-click.ts';
import type { Ingress } from './ingress/ingress.ts';
import { messageShortcutListener } from './ingress/message-shortcut.ts';
import { slashCommandListener } from './ingress/slash-command.ts';
import type { SlackJob } from './job.ts';
import { boltLogger, errorText, jsonLinesLogger, type Logger } from './log.ts';
import { slackClientOptions } from './slack-client.ts';

export interface SlackAppDeps {
  /** AwsLambdaReceiver in Lambda, HTTPReceiver or SocketModeReceiver in dev. */
  receiver: Receiver;
  botToken: string;
  config: AppConfig;
  /** Lambda async invoke in production; the worker inline after the ack in dev. */
  dispatch: (job: SlackJob) => Promise<void>;
  /** Tests point the Web API at a local server. */
  clientOptions?: { slackApiUrl?: string };
  logger?: Logger;
  /** The clock for receivedAt and generated job ids. */
  now?: () => Date;
}

/**
 * The ingress: every listener on one Bolt app. Nothing slow runs here (no Kubernetes client,
 * no cluster auth, no diagnosis): Slack gives 3 seconds and the AWS receiver holds its reply
 * until the listeners return. Authorisation is the one bot token, answered locally, so no
 * auth.test call to Slack happens on a cold start either.
 */
export function createSlackApp(deps: SlackAppDeps): App {
  const logger = deps.logger ?? jsonLinesLogger();
  const app = new App({
    receiver: deps.receiver,
    authorize: async (_source, body) => ({ botToken: deps.botToken, ...botUserOf(body) }),
    clientOptions: slackClientOptions(deps.clientOptions?.slackApiUrl, logger),
    logger: boltLogger(logger),
  });
  const ingress: Ingress = { config: deps.config, dispatch: deps.dispatch, logger, now: deps.now ?? (() => new Date()) };

  app.command(/^\/.+/, slashCommandListener(ingress));
  app.event('app_mention', appMentionListener(ingress));
  app.shortcut({ type: 'message_action', callback_id: deps.config.shortcutCallbackId }, messageShortcutListener(ingress));
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: BUTTON_ACTION_ID }, buttonClickListener(ingress));
  app.error(async (error) => {
    logger.log('error', 'listener failed', { error: errorText(error) });
  });
  return app;
}

/** Event payloads name the bot user they were delivered for; mentions of it are stripped. */
function botUserOf(body: unknown): { botUserId?: string } {
  const authorizations = (body as { authorizations?: { user_id?: unknown; is_bot?: unknown }[] } | undefined)?.authorizations;
  const bot = authorizations?.find((entry) => entry.is_bot === true) ?? authorizations?.[0];
  return typeof bot?.user_id === 'string' ? { botUserId: bot.user_id } : {};
}
