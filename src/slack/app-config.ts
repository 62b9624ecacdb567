import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { parseClustersFile, type ClustersFile } from '../clusters/clusters-file.ts';

// The Slack app's one configuration file (YAML or JSON; a file in dev, an SSM parameter in
// Lambda). Secrets never go in it: the signing secret and bot token come from the environment.
//
//   defaultCluster: prod
//   clusters:                       # exactly the clusters file (src/clusters/clusters-file.ts)
//     prod: { namespace: shop, auth: { type: eks, clusterName: prod-eu, region: eu-west-1 } }
//   visibility: ephemeral           # or in_channel: who sees answers by default
//   channels:                       # by channel ID (C0123ABCD) or name (#shop-oncall)
//     C0123ABCD: { cluster: prod, namespace: shop, visibility: in_channel }
//   playbooksDir: ./playbooks       # the team's playbooks over the built-in ones
//   slashCommand: /k8s              # as named in the Slack app manifest
//
// A channel named by name binds slash commands, shortcuts and buttons, whose payloads carry the
// name; app mentions carry only the channel ID, so bind by ID where people mention the bot.

const visibility = z.enum(['in_channel', 'ephemeral'], { error: 'must be in_channel or ephemeral' });

const channelBinding = z.strictObject({
  cluster: z.string().min(1).optional(),
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a namespace is lowercase letters, digits and "-"')
    .max(63)
    .optional(),
  visibility: visibility.optional(),
});

/** Slack channel IDs (C…, G… private, D… direct) or channel names, with or without "#". */
const CHANNEL_KEY = /^([CGD][A-Z0-9]{6,}|#?[a-z0-9][a-z0-9._-]{0,79})$/;

const appConfigSchema = z.strictObject({
  defaultCluster: z.string().min(1).optional(),
  /** Checked by the clusters file's own schema, so both files accept exactly the same clusters. */
  clusters: z.unknown().optional(),
  channels: z.record(z.string(), channelBinding).default({}),
  visibility: visibility.default('ephemeral'),
  playbooksDir: z.string().min(1).optional(),
  slashCommand: z.string().regex(/^\/[a-z0-9_-]+$/, 'a slash command is "/" then lowercase letters, digits, "-" or "_" (e.g. /k8s)').default('/k8s'),
  shortcutCallbackId: z.string().min(1).max(255).default('diagnose_pod'),
});

export type ChannelBinding = z.infer<typeof channelBinding>;

export interface AppConfig {
  defaultCluster?: string;
  clusters?: ClustersFile['clusters'];
  channels: Record<string, ChannelBinding>;
  visibility: 'in_channel' | 'ephemeral';
  playbooksDir?: string;
  slashCommand: string;
  shortcutCallbackId: string;
}

export type AppConfigResult = { ok: true; config: AppConfig } | { ok: false; error: string };

/**
 * Parses and validates the configuration. A bad file fails with one line naming the key and
 * why ("config /etc/k8s-why.yaml is invalid: channels.C0123ABCD.cluster: ..."), so a deploy
 * stops at start-up instead of answering wrongly in a channel later.
 */
export function parseAppConfig(text: string, origin: string): AppConfigResult {
  const invalid = (problems: string[]): AppConfigResult => ({ ok: false, error: `config ${origin} is invalid: ${problems.slice(0, 5).join('; ')}` });
  let value: unknown;
  try {
    // YAML 1.2 reads JSON too, so one parser serves both spellings.
    value = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    return { ok: false, error: `config ${origin} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}` };
  }
  if (value === null || value === undefined) return invalid(['(top level): the file is empty; it needs at least clusters or channels']);

  const parsed = appConfigSchema.safeParse(value);
  if (!parsed.success) return invalid(parsed.error.issues.map(describeIssue));
  const { clusters: rawClusters, defaultCluster, ...rest } = parsed.data;

  let clusters: ClustersFile | undefined;
  if (rawClusters !== undefined || defaultCluster !== undefined) {
    const checked = parseClustersFile({ clusters: rawClusters, ...(defaultCluster ? { defaultCluster } : {}) }, origin);
    // The clusters file names the key path; only its opening words are about another file.
    if (!checked.ok) return { ok: false, error: checked.error.replace(/^clusters file /, 'config ') };
    clusters = checked.file;
  }

  const problems: string[] = [];
  const known = clusters ? Object.keys(clusters.clusters) : [];
  for (const [key, binding] of Object.entries(rest.channels)) {
    if (!CHANNEL_KEY.test(key)) problems.push(`channels.${key}: not a channel ID (C0123ABCD) or channel name (#shop-oncall)`);
    if (binding.cluster && !known.includes(binding.cluster)) {
      problems.push(`channels.${key}.cluster: "${binding.cluster}" is not ${known.length > 0 ? `one of the clusters: ${known.join(', ')}` : 'configured: add it under clusters'}`);
    }
  }
  if (problems.length > 0) return invalid(problems);

  return {
    ok: true,
    config: {
      ...rest,
      ...(clusters ? { clusters: clusters.clusters } : {}),
      ...(clusters?.defaultCluster ? { defaultCluster: clusters.defaultCluster } : {}),
    },
  };
}

/** The clusters part as a clusters file, for the live reader (openLiveReader reads that schema). */
export function clustersFileOf(config: AppConfig): ClustersFile | undefined {
  if (!config.clusters) return undefined;
  return { clusters: config.clusters, ...(config.defaultCluster ? { defaultCluster: config.defaultCluster } : {}) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((name) => `${key ? `${key}.` : ''}${name}: unknown key`).join('; ');
  }
  return `${key || '(top level)'}: ${issue.message}`;
}
