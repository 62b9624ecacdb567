import { buildTimeline } from '../../src/core/events/timeline.ts';
import type { Facts, PodFacts } from '../../src/core/facts/facts.ts';
import type { KubeEvent, Pod } from '../../src/core/kube/types.ts';

/**
 * Facts for one pod, built by hand, for detector unit tests. Scenario tests go through the
 * real snapshot reader and gather step instead (test/support/scenarios.ts).
 */
export function factsForPod(
  pod: Pod,
  options: { events?: KubeEvent[]; now?: string; pod?: Partial<Omit<PodFacts, 'pod'>>; facts?: Partial<Facts> } = {},
): Facts {
  const namespace = pod.metadata.namespace ?? 'default';
  return {
    namespace,
    target: { outcome: 'pod', asked: pod.metadata.name ?? '', pod },
    pod: {
      pod,
      events: buildTimeline(options.events ?? []),
      nodeEvents: [],
      logs: [],
      claims: [],
      configMaps: {},
      ...options.pod,
    },
    policy: { quotas: [], limitRanges: [] },
    now: new Date(options.now ?? '2026-11-21T12:00:00Z'),
    gaps: [],
    ...options.facts,
  };
}
