import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { parseCommand, tokenize } from '../../commands/parse-command.ts';
import { scopeFor } from '../channel-binding.ts';
import type { SlackJob } from '../job.ts';
import { errorText } from '../log.ts';
import { helpText, usageErrorText } from '../usage.ts';
import { handOver, jobId, type Ingress } from './ingress.ts';

type Args = SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs;

const MENTION_PREFIX = '@k8s-why';

/**
 * Slash commands do not work in threads, so in an incident thread people write
 * `@k8s-why why checkout-7d9f`; the answer goes to that thread (a mention at the top level
 * starts one). Bolt has already acked the event.
 */
export function appMentionListener(ingress: Ingress) {
  return async ({ event, body, context, client }: Args): Promise<void> => {
    // Slack re-sends an event it did not see acked in 3 s; the first delivery is still running
    // and will answer, and a second answer is exactly what must not happen.
    if (context.retryNum && context.retryReason === 'http_timeout') {
      ingress.logger.log('warn', 'ignored a re-sent mention', { eventId: body.event_id, retryNum: context.retryNum, channel: event.channel });
      return;
    }
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user;
    const reply = async (text: string) => {
      if (!user) return;
      await client.chat.postEphemeral({ channel: event.channel, user, thread_ts: threadTs, text });
    };

    const parsed = parseCommand(tokenize(withoutMention(event.text, context.botUserId)));
    if (!parsed.ok || parsed.command.verb === 'help') {
      const text = parsed.ok ? helpText(MENTION_PREFIX, parsed.command.verb === 'help' ? parsed.command.topic : undefined) : usageErrorText(parsed.error, parsed.usage, MENTION_PREFIX);
      if (!parsed.ok) ingress.logger.log('info', 'usage error', { origin: 'mention', channel: event.channel, error: errorText(parsed.error) });
      await reply(text).catch((error: unknown) => ingress.logger.log('error', 'could not reply to a mention', { channel: event.channel, error: errorText(error) }));
      return;
    }
    const command = parsed.command;
    const scope = scopeFor(command, { id: event.channel }, ingress.config);
    if (!scope.ok) {
      await reply(`:warning: ${scope.error}`).catch((error: unknown) => ingress.logger.log('error', 'could not reply to a mention', { channel: event.channel, error: errorText(error) }));
      return;
    }
    const now = ingress.now();
    const job: SlackJob = {
      id: jobId('mention', body.event_id, now),
      command,
      origin: 'mention',
      teamId: body.team_id,
      channelId: event.channel,
      userId: user ?? '',
      threadTs,
      visibility: scope.visibility,
      ...(scope.cluster ? { cluster: scope.cluster } : {}),
      namespace: scope.namespace,
      receivedAt: now.toISOString(),
    };
    await handOver(ingress, job, reply);
  };
}

/**
 * "<@U0BOT> why checkout" or "hey <@U0BOT> why checkout": what follows the bot's mention.
 * Without the bot's id (no authorizations in the payload), what follows the first mention.
 */
export function withoutMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`) : /<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  const match = mention.exec(text);
  return (match ? text.slice(match.index + match[0].length) : text).trim();
}
