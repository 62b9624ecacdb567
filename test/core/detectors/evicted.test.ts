import { describe, expect, it } from 'vitest';
import { evicted } from '../../../src/core/detectors/evicted.ts';
import { buildTimeline } from '../../../src/core/events/timeline.ts';
import type { CoreEvent, Pod } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';

function evictedPod(message: string, name = 'fileflows-5f7c9d8b64-w7qkp'): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'media', uid: 'u1', creationTimestamp: '2026-11-14T20:05:00Z' },
    spec: { containers: [{ name: 'app', image: 'revenz/fileflows:25.08' }], nodeName: 'control-1' },
    status: {
      phase: 'Failed',
      reason: 'Evicted',
      message,
      qosClass: 'Burstable',
      conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message, lastTransitionTime: '2026-11-21T11:40:32Z' }],
      containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'Error' } } }],
    },
  };
}

const nodeEvent = (reason: string, message: string, at: string): CoreEvent => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `control-1.${reason}`, namespace: 'default' },
  involvedObject: { kind: 'Node', name: 'control-1' },
  reason,
  message,
  type: 'Warning',
  count: 1,
  lastTimestamp: at,
});

describe('evicted', () => {
  const pressure = 'The node was low on resource: ephemeral-storage. Threshold quantity: 80463020976, available: 78017988Ki. Container app was using 1148032Ki, request is 0, has larger consumption of ephemeral-storage. ';

  it('names the resource, the node, and the container usage against its request', () => {
    const facts = factsForPod(evictedPod(pressure), {
      pod: { nodeEvents: buildTimeline([nodeEvent('EvictionThresholdMet', 'Attempting to reclaim ephemeral-storage', '2026-11-21T11:40:21Z')]) },
    });
    const finding = evicted.detect(facts)!;
    expect(finding.title).toBe('Evicted from control-1 19m ago: node low on ephemeral-storage (74.4Gi available, threshold 74.9Gi); app used 1.1Gi with no ephemeral-storage request');
    expect(finding.vars).toMatchObject({ node: 'control-1', resource: 'ephemeral-storage', container: 'app', usage: '1148032Ki', request: '0' });
    expect(finding.evidence.map((e) => e.source).join('\n')).toContain('EvictionThresholdMet on Node/control-1');
    expect(finding.ruledOut?.join(' ')).toContain('exit 137 of app');
  });

  it('says the workload already replaced the pod, so it is history', () => {
    const replacement = evictedPod('', 'fileflows-5f7c9d8b64-h2n9d');
    replacement.metadata.creationTimestamp = '2026-11-21T11:40:32Z';
    replacement.spec.nodeName = 'control-2';
    replacement.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    const facts = factsForPod(evictedPod(pressure), {
      facts: { workload: { kind: 'Deployment', object: { metadata: { name: 'fileflows' } }, revisions: [], pods: [evictedPod(pressure), replacement], events: [] } },
    });
    const finding = evicted.detect(facts)!;
    expect(finding.vars?.replacement).toBe('fileflows-5f7c9d8b64-h2n9d');
    expect(finding.detail).toContain('already replaced it with fileflows-5f7c9d8b64-h2n9d (Running and Ready on control-2)');
  });

  it('reads the memory pressure wording of older kubelets', () => {
    const finding = evicted.detect(factsForPod(evictedPod('The node was low on resource: memory. Container app was using 1893284Ki, which exceeds its request of 512Mi. ')))!;
    expect(finding.title).toContain('node low on memory');
    expect(finding.title).toContain('app used 1.8Gi with a request of 512Mi');
    expect(finding.ruledOut?.join(' ')).toContain('OOMKilled');
  });

  it('reads local storage limits: pod total, container and emptyDir sizeLimit', () => {
    expect(evicted.detect(factsForPod(evictedPod('Pod ephemeral local storage usage exceeds the total limit of containers 1Gi. ')))!.title).toContain('used more ephemeral-storage than its 1Gi limit');
    expect(evicted.detect(factsForPod(evictedPod('Container app exceeded its local ephemeral storage limit "500Mi". ')))!.vars).toMatchObject({ limit: '500Mi', resource: 'ephemeral-storage' });
    expect(evicted.detect(factsForPod(evictedPod('Usage of EmptyDir volume "scratch" exceeds the limit "2Gi". ')))!.title).toContain('emptyDir volume scratch');
  });

  it('names the container whose limit makes the pod total, when the others declare none', () => {
    // GKE's injected gcsfuse sidecar carries a 5Gi limit; the app declares none, yet its writes count.
    const pod = evictedPod('Pod ephemeral local storage usage exceeds the total limit of containers 5Gi. ');
    pod.spec.containers = [
      { name: 'gke-gcsfuse-sidecar', image: 'gke.gcr.io/gcs-fuse-csi-driver-sidecar-mounter:v0.1.3', resources: { limits: { 'ephemeral-storage': '5Gi' } } },
      { name: 'model', image: 'acme/trainer:1' },
    ];
    const node = { metadata: { name: 'control-1' }, status: { conditions: [{ type: 'DiskPressure', status: 'False' }] } };
    const finding = evicted.detect(factsForPod(pod, { pod: { node } }))!;
    expect(finding.detail).toContain('That total is only what gke-gcsfuse-sidecar (5Gi) declares; model declares no ephemeral-storage limit');
    expect(finding.evidence.map((e) => e.text)).toContain('gke-gcsfuse-sidecar 5Gi, model none');
    expect(finding.ruledOut?.join(' ')).toContain('the pod hit its own limit, the node had room');
  });

  it('tells a pod refused at admission under MemoryPressure from an eviction, and finds the pod that caused the pressure', () => {
    const rejected = evictedPod('Pod The node had condition: [MemoryPressure]. ', 'egg-7d6b9c5f4d-q5mzt');
    rejected.metadata.creationTimestamp = '2026-11-21T11:56:00Z';
    rejected.status = { phase: 'Failed', reason: 'Evicted', message: 'Pod The node had condition: [MemoryPressure]. ', qosClass: 'BestEffort' };
    const first = evictedPod('The node was low on resource: memory. Container egg was using 5053216Ki, which exceeds its request of 0. ', 'egg-7d6b9c5f4d-2xk8p');
    const facts = factsForPod(rejected, {
      facts: { workload: { kind: 'Deployment', object: { metadata: { name: 'egg' } }, revisions: [], pods: [first, rejected], events: [] } },
    });
    const finding = evicted.detect(facts)!;
    expect(finding.title).toContain('refused on arrival, the node had MemoryPressure');
    expect(finding.detail).toContain('this pod is BestEffort');
    expect(finding.detail).toContain('egg-7d6b9c5f4d-2xk8p was evicted from control-1 just before');
    expect(finding.vars).toMatchObject({ resource: 'memory', node: 'control-1' });
    expect(finding.evidence.map((e) => e.source)).toContain('Pod egg-7d6b9c5f4d-2xk8p');
    expect(finding.detail).not.toContain('MemoryPressure request');
  });

  it('reports a pod the kubelet stopped for graceful node shutdown, and its replacement', () => {
    const message = 'Pod was terminated in response to imminent node shutdown.';
    const pod = evictedPod(message, 'storefront-5b8d9c7f4c-q7v2c');
    pod.status = { ...pod.status, reason: 'Terminated', message, conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet', message, lastTransitionTime: '2026-11-21T11:30:00Z' }] };
    pod.status.containerStatuses = [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 143, reason: 'Error' } } }];
    const replacement = evictedPod('', 'storefront-5b8d9c7f4c-hx4mn');
    replacement.metadata.creationTimestamp = '2026-11-21T11:30:01Z';
    replacement.spec.nodeName = 'control-2';
    replacement.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    const facts = factsForPod(pod, { facts: { workload: { kind: 'Deployment', object: { metadata: { name: 'storefront' } }, revisions: [], pods: [pod, replacement], events: [] } } });
    const finding = evicted.detect(facts)!;
    expect(finding.title).toBe('Terminated by the kubelet for node shutdown on control-1 30m ago');
    expect(finding.evidence.map((e) => e.text)).toContain('not found: no Node by that name now (the machine was removed, or not captured)');
    expect(finding.detail).toContain('Nothing in the pod caused it');
    expect(finding.detail).toContain('already replaced it with storefront-5b8d9c7f4c-hx4mn');
    expect(finding.ruledOut).toContain('a crash: exit 143 of app is the kubelet stopping the container for the shutdown');
  });

  it('reads the 1.20 shutdown wording and the admission refusal', () => {
    const old = evictedPod('Node is shutting, evicting pods');
    old.status = { ...old.status, reason: 'Shutdown', message: 'Node is shutting, evicting pods', conditions: [] };
    expect(evicted.detect(factsForPod(old))!.title).toContain('Terminated by the kubelet for node shutdown');
    const refused = evictedPod('Pod was rejected as the node is shutting down.');
    refused.status = { phase: 'Failed', reason: 'NodeShutdown', message: 'Pod was rejected as the node is shutting down.' };
    expect(evicted.detect(factsForPod(refused))!.title).toContain('Refused by the kubelet for node shutdown');
  });

  it('is silent for a pod the kubelet did not evict', () => {
    const pod = evictedPod('');
    pod.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    expect(evicted.detect(factsForPod(pod))).toBeUndefined();
  });
});
