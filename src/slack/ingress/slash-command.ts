import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseCommand, tokenize } from '../../commands/parse-command.ts';
import { scopeFor } from '../channel-binding.ts';
import type { SlackJob } from '../job.ts';
import { errorText } from '../log.ts';
import { helpText, usageErrorText } from '../usage.ts';
import { ackText, handOver, jobId, type Ingress } from './ingress.ts';

type Args = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/k8s why checkout -n shop`: parsed with the CLI's grammar; mistakes and help are answered in
 * the ack itself (ephemeral, instant); anything else is acked with "Looking at …" and handed
 * to the worker, which answers later.
 */
export function slashCommandListener(ingress: Ingress) {
  return async ({ command: body, ack, respond }: Args): Promise<void> => {
    const slash = body.command || ingress.config.slashCommand;
    const parsed = parseCommand(tokenize(body.text ?? ''));
    if (!parsed.ok) {
      ingress.logger.log('info', 'usage error', { origin: 'slash', channel: body.channel_id, error: errorText(parsed.error) });
      await ack({ response_type: 'ephemeral', text: usageErrorText(parsed.error, parsed.usage, slash) });
      return;
    }
    const command = parsed.command;
    if (command.verb === 'help') {
      await ack({ response_type: 'ephemeral', text: helpText(slash, command.topic) });
      return;
    }
    const scope = scopeFor(command, { id: body.channel_id, name: body.channel_name }, ingress.config);
    if (!scope.ok) {
      ingress.logger.log('info', 'usage error', { origin: 'slash', channel: body.channel_id, error: errorText(scope.error) });
      await ack({ response_type: 'ephemeral', text: `:warning: ${scope.error}` });
      return;
    }

    const now = ingress.now();
    const job: SlackJob = {
      id: jobId('slash', body.trigger_id, now),
      command,
      origin: 'slash',
      teamId: body.team_id,
      channelId: body.channel_id,
      userId: body.user_id,
      responseUrl: body.response_url,
      visibility: scope.visibility,
      ...(scope.cluster ? { cluster: scope.cluster } : {}),
      namespace: scope.namespace,
      receivedAt: now.toISOString(),
    };
    await ack({ response_type: 'ephemeral', text: ackText(command, job.namespace, job.cluster) });
    await handOver(ingress, job, (text) => respond({ response_type: 'ephemeral', replace_original: false, text }));
  };
}
