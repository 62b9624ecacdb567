import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { escapeMrkdwn } from '../../render/slack/mrkdwn.ts';
import { BUTTON, followUpFor } from '../buttons.ts';
import type { SlackJob } from '../job.ts';
import { errorText } from '../log.ts';
import { handOver, jobId, type Ingress } from './ingress.ts';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/**
 * "Previous logs", "Events", "Re-run", "Share in channel": acked at once, then the same
 * asynchronous path as a slash command. Follow-ups to an answer everyone sees go in that
 * answer's thread; "Share in channel" posts where the question was asked.
 */
export function buttonClickListener(ingress: Ingress) {
  return async ({ body, action, ack, respond }: Args): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const followUp = followUpFor(action.action_id, action.value);
    const container = body.container as { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
    const channelId = body.channel?.id ?? container.channel_id;
    if (!followUp.ok || !channelId) {
      const error = followUp.ok ? 'this button is not in a channel' : followUp.error;
      ingress.logger.log('warn', 'unusable button click', { actionId: action.action_id, error });
      await tell(`:warning: ${escapeMrkdwn(error)}`).catch((tellError: unknown) => ingress.logger.log('error', 'could not reply to a click', { error: errorText(tellError) }));
      return;
    }
    const { context } = followUp;
    const answerThread = container.is_ephemeral ? undefined : (container.thread_ts ?? body.message?.thread_ts ?? container.message_ts ?? body.message?.ts);
    const threadTs = action.action_id === BUTTON.share ? context.threadTs : (context.threadTs ?? answerThread);
    const now = ingress.now();
    const job: SlackJob = {
      id: jobId('button', body.trigger_id, now),
      command: followUp.command,
      origin: 'button',
      teamId: body.team?.id ?? body.user.team_id ?? '',
      channelId,
      userId: body.user.id,
      ...(threadTs ? { threadTs } : {}),
      responseUrl: body.response_url,
      visibility: followUp.visibility,
      ...(context.cluster ? { cluster: context.cluster } : {}),
      namespace: context.namespace,
      receivedAt: now.toISOString(),
    };
    await handOver(ingress, job, tell);
  };
}
