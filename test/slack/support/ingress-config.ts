import { parseAppConfig, type AppConfig } from '../../../src/slack/app-config.ts';

/** Clusters the ingress only names (it never connects), and two channel bindings. */
export const INGRESS_CONFIG = `
defaultCluster: prod
clusters:
  prod: { auth: { type: eks, clusterName: prod-eu, region: eu-west-1 } }
  staging: { auth: { type: kubeconfig, context: kind-staging } }
channels:
  "#shop-oncall": { namespace: shop }
  C0INCIDENT1: { namespace: payments, visibility: in_channel }
`;

export function ingressConfig(): AppConfig {
  const parsed = parseAppConfig(INGRESS_CONFIG, 'ingress test');
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}
