import type { Command } from '../commands/command.ts';
import { nearestNames } from '../core/target/nearest-names.ts';
import type { AppConfig, ChannelBinding } from './app-config.ts';
import type { Visibility } from './job.ts';

export interface SlackChannel {
  id: string;
  /** Slash commands, shortcuts and buttons carry it; app mentions do not. */
  name?: string;
}

export type Scope = { ok: true; cluster?: string; namespace: string; visibility: Visibility } | { ok: false; error: string };

/** The binding for a channel: by ID first (stable across renames), then by name. */
export function bindingFor(config: AppConfig, channel: SlackChannel): ChannelBinding {
  const byId = config.channels[channel.id];
  if (byId) return byId;
  if (!channel.name) return {};
  return config.channels[`#${channel.name}`] ?? config.channels[channel.name] ?? {};
}

/**
 * Where a command looks and who sees the answer. What was typed wins over the channel's
 * binding, which wins over the configuration's defaults, so `#shop-oncall` can type
 * `/k8s why checkout` and still say `-n payments` when it means it.
 */
export function scopeFor(command: Command, channel: SlackChannel, config: AppConfig): Scope {
  const binding = bindingFor(config, channel);
  const asked = 'cluster' in command ? command.cluster : undefined;
  const names = Object.keys(config.clusters ?? {});
  if (asked && !config.clusters) return { ok: false, error: `--cluster ${asked}: this app has no clusters configured, so it reads its one cluster; leave out --cluster` };
  if (asked && !names.includes(asked)) {
    const near = nearestNames(asked, names, 1)[0];
    return { ok: false, error: `no cluster "${asked}"${near ? `: did you mean "${near}"?` : ''} Clusters: ${names.join(', ')}` };
  }
  const cluster = asked ?? binding.cluster ?? config.defaultCluster ?? (names.length === 1 ? names[0] : undefined);
  const typed = 'namespace' in command ? command.namespace : undefined;
  const clusterNamespace = cluster ? config.clusters?.[cluster]?.namespace : undefined;
  return {
    ok: true,
    ...(cluster ? { cluster } : {}),
    namespace: typed ?? binding.namespace ?? clusterNamespace ?? 'default',
    visibility: binding.visibility ?? config.visibility,
  };
}
