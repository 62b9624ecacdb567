import { readFileSync } from 'node:fs';
import type { KubeEvent, KubeNode, Pod } from '../../../../src/core/kube/types.ts';
import { buildTimeline, normalizeEvent } from '../../../../src/core/events/timeline.ts';
import type { Facts } from '../../../../src/core/facts/facts.ts';
import { factsForPod } from '../../../support/facts.ts';

/**
 * Facts for the pod a scenario file asks about, built without the gather step: the pod, its
 * events, its node and the node's events, and its logs. Enough for the container detectors
 * until the lead's diagnoseScenarioFile runs the real pipeline; "now" is the latest timestamp
 * in the file, as FORMAT.md's snapshot reader defines it.
 */
export interface Scenario {
  description: string;
  source: string;
  ask: { namespace: string; target: string };
  expect: { finding: string; mentions: string[] };
  objects: Array<Record<string, unknown> & { kind: string; metadata: { name?: string; namespace?: string } }>;
  logs?: { namespace: string; pod: string; container: string; previous: boolean; text: string }[];
}

export function readScenario(path: string): Scenario {
  return JSON.parse(readFileSync(path, 'utf8')) as Scenario;
}

export function latestTimestamp(value: unknown): string | undefined {
  let latest: string | undefined;
  const visit = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      if (key && /(Time|Timestamp|At|startTime)$/.test(key) && !Number.isNaN(Date.parse(node))) {
        if (!latest || Date.parse(node) > Date.parse(latest)) latest = node;
      }
      return;
    }
    if (Array.isArray(node)) node.forEach((item) => visit(item));
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) visit(v, k);
  };
  visit(value);
  return latest;
}

export function factsFromScenario(scenario: Scenario): Facts {
  const { namespace, target } = scenario.ask;
  const pods = scenario.objects.filter((o) => o.kind === 'Pod' && o.metadata.namespace === namespace) as unknown as Pod[];
  const pod = pods.find((p) => p.metadata.name === target) ?? pods.find((p) => p.metadata.name?.startsWith(target));
  if (!pod) throw new Error(`scenario has no pod ${namespace}/${target}`);
  const events = scenario.objects.filter((o) => o.kind === 'Event') as unknown as KubeEvent[];
  const about = (e: KubeEvent, kind: string, name?: string) => normalizeEvent(e).object === `${kind}/${name}`;
  const node = scenario.objects.find((o) => o.kind === 'Node' && o.metadata.name === pod.spec.nodeName) as unknown as KubeNode | undefined;
  const logs = (scenario.logs ?? [])
    .filter((l) => l.namespace === namespace && l.pod === pod.metadata.name)
    .map((l) => ({ container: l.container, previous: l.previous, text: l.text }));
  return factsForPod(pod, {
    events: events.filter((e) => about(e, 'Pod', pod.metadata.name)),
    now: latestTimestamp({ objects: scenario.objects }),
    pod: {
      node,
      nodeEvents: buildTimeline(events.filter((e) => about(e, 'Node', pod.spec.nodeName))),
      logs,
    },
  });
}
