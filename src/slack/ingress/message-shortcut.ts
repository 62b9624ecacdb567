import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { Command } from '../../commands/command.ts';
import { escapeMrkdwn } from '../../render/slack/mrkdwn.ts';
import { findAlertTarget } from '../alert-text.ts';
import type { AppConfig } from '../app-config.ts';
import { scopeFor } from '../channel-binding.ts';
import type { SlackJob } from '../job.ts';
import { errorText } from '../log.ts';
import { messageText } from '../message-text.ts';
import { ackText, handOver, jobId, type Ingress } from './ingress.ts';

type Args = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;

/**
 * "Diagnose pod" on an alert message: read the pod and namespace the alert names, and answer
 * in that message's thread, where the incident is being discussed.
 */
export function messageShortcutListener(ingress: Ingress) {
  return async ({ shortcut, ack, respond }: Args): Promise<void> => {
    await ack();
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const found = findAlertTarget(messageText(shortcut.message));
    if (!found.ok) {
      ingress.logger.log('info', 'no pod in the alert', { origin: 'shortcut', channel: shortcut.channel.id });
      const looked = found.lookedFor.map((line) => `• ${escapeMrkdwn(line)}`).join('\n');
      await tell(
        `:mag: I could not find a pod or workload in that message. I looked for:\n${looked}\nAsk directly instead: \`${ingress.config.slashCommand} why <pod> -n <namespace>\`, or mention @k8s-why in the thread.`,
      ).catch((error: unknown) => ingress.logger.log('error', 'could not reply to a shortcut', { error: errorText(error) }));
      return;
    }
    const alert = found.alert;
    const cluster = configuredCluster(ingress.config, alert.cluster);
    const asked: Command = { verb: 'why', target: alert.target, ...(alert.namespace ? { namespace: alert.namespace } : {}), ...(cluster ? { cluster } : {}) };
    const scope = scopeFor(asked, shortcut.channel, ingress.config);
    if (!scope.ok) {
      await tell(`:warning: ${escapeMrkdwn(scope.error)}`).catch((error: unknown) => ingress.logger.log('error', 'could not reply to a shortcut', { error: errorText(error) }));
      return;
    }
    const now = ingress.now();
    const job: SlackJob = {
      id: jobId('shortcut', shortcut.trigger_id, now),
      command: asked,
      origin: 'shortcut',
      teamId: shortcut.team?.id ?? shortcut.user.team_id ?? '',
      channelId: shortcut.channel.id,
      userId: shortcut.user.id,
      threadTs: typeof shortcut.message.thread_ts === 'string' ? shortcut.message.thread_ts : shortcut.message.ts,
      responseUrl: shortcut.response_url,
      visibility: scope.visibility,
      ...(scope.cluster ? { cluster: scope.cluster } : {}),
      namespace: scope.namespace,
      receivedAt: now.toISOString(),
    };
    ingress.logger.log('info', 'alert read', { jobId: job.id, foundBy: alert.foundBy, others: alert.others.length });
    if (!(await handOver(ingress, job, tell))) return;
    // Said after the hand-over, so a person never reads "Looking at" for a job that was lost.
    const others = alert.others.length > 0 ? ` The alert also names ${alert.others.slice(0, 5).map((name) => `\`${escapeMrkdwn(name)}\``).join(', ')}.` : '';
    await tell(`${ackText(asked, job.namespace, job.cluster)} (from the alert's ${escapeMrkdwn(alert.foundBy)}); the answer goes in the thread.${others}`).catch((error: unknown) =>
      ingress.logger.log('warn', 'could not acknowledge a shortcut', { jobId: job.id, error: errorText(error) }),
    );
  };
}

/**
 * The alert's cluster label as one of ours: the configured name itself, or the EKS cluster it
 * stands for ("prod-eu" labels, "prod" configured with clusterName prod-eu). Anything else is
 * ignored rather than guessed: the channel's binding decides.
 */
function configuredCluster(config: AppConfig, label: string | undefined): string | undefined {
  if (!label || !config.clusters) return undefined;
  if (Object.hasOwn(config.clusters, label)) return label;
  return Object.entries(config.clusters).find(([, cluster]) => cluster.auth.type === 'eks' && cluster.auth.clusterName === label)?.[0];
}
