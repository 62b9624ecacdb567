import type { ContainerSummary, PodSummary } from '../diagnosis.ts';
import { containerViews, podDisplayStatus, readyCount, totalRestarts } from './pod-status.ts';
import type { ContainerState, Pod } from './types.ts';

export function describeState(state: ContainerState | undefined): string | undefined {
  if (!state) return undefined;
  if (state.running) return 'running';
  if (state.waiting) return `waiting: ${state.waiting.reason ?? 'unknown'}`;
  if (state.terminated) return `terminated: ${state.terminated.reason ?? 'exit'} (exit ${state.terminated.exitCode})`;
  return undefined;
}

/** The pod as `kubectl get pod` and `describe` would summarise it. */
export function summarisePod(pod: Pod): PodSummary {
  const containers: ContainerSummary[] = containerViews(pod).map((view) => ({
    name: view.name,
    init: view.init,
    image: view.spec?.image ?? view.status?.image,
    ready: view.status?.ready ?? false,
    restarts: view.status?.restartCount ?? 0,
    state: describeState(view.status?.state) ?? 'not created',
    lastState: describeState(view.status?.lastState),
  }));
  return {
    name: pod.metadata.name ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    phase: pod.status?.phase ?? 'Unknown',
    status: podDisplayStatus(pod),
    ready: readyCount(pod),
    restarts: totalRestarts(pod),
    node: pod.spec.nodeName,
    createdAt: pod.metadata.creationTimestamp,
    containers,
  };
}
