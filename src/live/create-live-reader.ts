import type { KubeConfig } from '@kubernetes/client-node';
import { ApiExchange } from './api-exchange.ts';
import { makeKubeClients } from './kube-clients.ts';
import { LiveReader } from './live-reader.ts';

export interface LiveLimits {
  /** Per request; a stalled call costs one fact, not the answer. Default 10 s. */
  requestTimeoutMs?: number;
  /** All reads of one answer together; default 30 s, well inside Slack's patience. */
  budgetMs?: number;
  pageSize?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_BUDGET_MS = 30_000;

/** A reader over the cluster a loaded kubeconfig points at (its current context). */
export function createLiveReader(config: KubeConfig, source: string, limits: LiveLimits = {}): LiveReader {
  const server = config.getCurrentCluster()?.server ?? 'the API server';
  const exchange = new ApiExchange(server, {
    requestTimeoutMs: limits.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    budgetMs: limits.budgetMs ?? DEFAULT_BUDGET_MS,
  });
  return new LiveReader(makeKubeClients(config), exchange, { source, ...(limits.pageSize ? { pageSize: limits.pageSize } : {}) });
}
