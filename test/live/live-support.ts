import { KubeConfig } from '@kubernetes/client-node';
import { createLiveReader, type LiveLimits } from '../../src/live/create-live-reader.ts';
import type { LiveReader } from '../../src/live/live-reader.ts';

/** A kubeconfig for a loopback API server, as a user would write it (plain HTTP needs skip-verify). */
export function kubeconfigFor(server: string, token = 'loopback-token', ca?: string): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'loopback', server, ...(ca ? { caData: Buffer.from(ca).toString('base64') } : { skipTLSVerify: server.startsWith('http:') }) }],
    users: [{ name: 'bot', token }],
    contexts: [{ name: 'loopback', cluster: 'loopback', user: 'bot' }],
    currentContext: 'loopback',
  });
  return config;
}

export function readerFor(server: string, limits: LiveLimits = {}): LiveReader {
  return createLiveReader(kubeconfigFor(server), `cluster loopback`, limits);
}
