import { describe, expect, it } from 'vitest';
import { parseAppConfig, type AppConfig } from '../../src/slack/app-config.ts';
import { scopeFor } from '../../src/slack/channel-binding.ts';

const CONFIG = `
defaultCluster: prod
clusters:
  prod:
    namespace: shop
    auth: { type: eks, clusterName: prod-eu, region: eu-west-1 }
  staging:
    auth: { type: kubeconfig, context: kind-staging }
channels:
  C0123ABCD: { cluster: staging, namespace: payments, visibility: in_channel }
  "#shop-oncall": { namespace: checkout }
`;

function config(text = CONFIG): AppConfig {
  const parsed = parseAppConfig(text, 'k8s-why.yaml');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

function error(text: string): string {
  const parsed = parseAppConfig(text, 'k8s-why.yaml');
  if (parsed.ok) throw new Error('expected the config to be refused');
  return parsed.error;
}

describe('the Slack app configuration', () => {
  it('reads clusters with the clusters file schema, channel bindings, and defaults', () => {
    const read = config();
    expect(read.defaultCluster).toBe('prod');
    expect(read.clusters?.prod?.auth).toEqual({ type: 'eks', clusterName: 'prod-eu', region: 'eu-west-1' });
    expect(read.visibility).toBe('ephemeral');
    expect(read.slashCommand).toBe('/k8s');
    expect(read.shortcutCallbackId).toBe('diagnose_pod');
    expect(read.channels['#shop-oncall']).toEqual({ namespace: 'checkout' });
  });

  it('reads JSON as well', () => {
    expect(config('{"visibility": "in_channel", "channels": {"shop-oncall": {"namespace": "shop"}}}').visibility).toBe('in_channel');
  });

  it('names the key and the reason when a value is wrong', () => {
    expect(error(`${CONFIG}\nvisibility: public\n`)).toBe('config k8s-why.yaml is invalid: visibility: must be in_channel or ephemeral');
    expect(error('channels:\n  C0123ABCD: { namespace: Shop_1 }\n')).toContain('channels.C0123ABCD.namespace: a namespace is lowercase letters, digits and "-"');
  });

  it('names a misspelt key instead of ignoring it', () => {
    expect(error('visiblity: in_channel\n')).toBe('config k8s-why.yaml is invalid: visiblity: unknown key');
    expect(error('channels:\n  C0123ABCD: { namespce: shop }\n')).toBe('config k8s-why.yaml is invalid: channels.C0123ABCD.namespce: unknown key');
  });

  it('refuses a binding to a cluster that is not configured, listing the ones that are', () => {
    expect(error(CONFIG.replace('cluster: staging', 'cluster: stagign'))).toBe(
      'config k8s-why.yaml is invalid: channels.C0123ABCD.cluster: "stagign" is not one of the clusters: prod, staging',
    );
    expect(error('channels:\n  C0123ABCD: { cluster: prod }\n')).toContain('channels.C0123ABCD.cluster: "prod" is not configured: add it under clusters');
  });

  it('passes cluster problems through with their key path', () => {
    expect(error(CONFIG.replace('region: eu-west-1', 'region: europe'))).toBe('config k8s-why.yaml is invalid: clusters.prod.auth.region: not an AWS region (like eu-west-1)');
    expect(error(CONFIG.replace('defaultCluster: prod', 'defaultCluster: qa'))).toContain('defaultCluster: "qa" is not one of the clusters: prod, staging');
  });

  it('says which file is not YAML, and that an empty file configures nothing', () => {
    expect(error('channels: [unclosed')).toMatch(/^config k8s-why.yaml is not valid YAML or JSON: /);
    expect(error('')).toContain('the file is empty');
    expect(error('channels:\n  "not a channel!": {}\n')).toContain('channels.not a channel!: not a channel ID (C0123ABCD) or channel name (#shop-oncall)');
  });
});

describe('channel bindings', () => {
  const why = { verb: 'why', target: 'checkout' } as const;

  it('lets #shop-oncall type /k8s why checkout with no flags', () => {
    expect(scopeFor(why, { id: 'C0SHOP0001', name: 'shop-oncall' }, config())).toEqual({ ok: true, cluster: 'prod', namespace: 'checkout', visibility: 'ephemeral' });
  });

  it('binds by channel ID first, which mentions need (their payloads carry no name)', () => {
    expect(scopeFor(why, { id: 'C0123ABCD' }, config())).toEqual({ ok: true, cluster: 'staging', namespace: 'payments', visibility: 'in_channel' });
  });

  it('lets what was typed win over the binding', () => {
    expect(scopeFor({ ...why, namespace: 'orders', cluster: 'prod' }, { id: 'C0123ABCD' }, config())).toEqual({ ok: true, cluster: 'prod', namespace: 'orders', visibility: 'in_channel' });
  });

  it('falls back to the cluster namespace, then to default', () => {
    expect(scopeFor(why, { id: 'C0OTHER001', name: 'random' }, config())).toMatchObject({ cluster: 'prod', namespace: 'shop' });
    expect(scopeFor(why, { id: 'C0OTHER001' }, config('visibility: ephemeral\n'))).toEqual({ ok: true, namespace: 'default', visibility: 'ephemeral' });
  });

  it('refuses an unknown --cluster with the nearest name', () => {
    expect(scopeFor({ ...why, cluster: 'prdo' }, { id: 'C0OTHER001' }, config())).toEqual({ ok: false, error: 'no cluster "prdo": did you mean "prod"? Clusters: prod, staging' });
  });
});
