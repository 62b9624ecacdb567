import { describe, expect, it } from 'vitest';
import { nodeNotReady } from '../../../src/core/detectors/node-not-ready.ts';
import type { CoreEvent, KubeNode, Pod } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';

function podOn(node: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'orders-0', namespace: 'shop', uid: 'u1', creationTimestamp: '2026-11-20T08:00:00Z' },
    spec: {
      containers: [{ name: 'orders', image: 'shop/orders:3' }],
      nodeName: node,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-11-21T11:18:40Z' }],
      containerStatuses: [{ name: 'orders', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-20T08:00:10Z' } } }],
    },
  };
}

function node(ready: { status: string; reason: string; message: string; since: string }, others: { type: string; status: string }[], taintAdded?: string): KubeNode {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-3' },
    spec: taintAdded
      ? { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: taintAdded }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: taintAdded }] }
      : {},
    status: {
      conditions: [
        ...others.map((c) => ({ ...c, reason: c.status === 'Unknown' ? 'NodeStatusUnknown' : `KubeletHasNo${c.type}`, lastTransitionTime: ready.since })),
        { type: 'Ready', status: ready.status, reason: ready.reason, message: ready.message, lastTransitionTime: ready.since, lastHeartbeatTime: '2026-11-21T11:17:55Z' },
      ],
      nodeInfo: { kubeletVersion: 'v1.29.4' },
    },
  };
}

const notReadyEvent: CoreEvent = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'orders-0.nnr', namespace: 'shop' },
  involvedObject: { kind: 'Pod', name: 'orders-0', namespace: 'shop' },
  reason: 'NodeNotReady',
  message: 'Node is not ready',
  type: 'Warning',
  count: 1,
  lastTimestamp: '2026-11-21T11:18:40Z',
  source: { component: 'node-controller' },
};

describe('node-not-ready', () => {
  it('says the kubelet stopped reporting, since when, and when the pod gets deleted', () => {
    const unknown = ['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({ type, status: 'Unknown' }));
    const facts = factsForPod(podOn('worker-3'), {
      events: [notReadyEvent],
      pod: { node: node({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', since: '2026-11-21T11:18:40Z' }, unknown, '2026-11-21T11:18:45Z') },
    });
    const finding = nodeNotReady.detect(facts)!;
    expect(finding.title).toBe('Node worker-3 is Unknown (not reporting) for 41m: Kubelet stopped posting node status.');
    expect(finding.detail).toContain('the node is down, cut off from the control plane');
    expect(finding.detail).toContain('ran out 36m ago');
    expect(finding.vars).toMatchObject({ node: 'worker-3', taint: 'node.kubernetes.io/unreachable', since: '41m' });
    expect(finding.evidence.map((e) => e.source)).toContain('event NodeNotReady, last seen 41m ago');
  });

  it('explains a NotReady kubelet (PLEG) and rules out resource pressure', () => {
    const calm = ['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((type) => ({ type, status: 'False' }));
    const facts = factsForPod(podOn('worker-3'), {
      pod: { node: node({ status: 'False', reason: 'KubeletNotReady', message: 'PLEG is not healthy: pleg was last seen active 3m12.4s ago; threshold is 3m0s', since: '2026-11-21T11:52:00Z' }, calm) },
    });
    const finding = nodeNotReady.detect(facts)!;
    expect(finding.title).toContain('is NotReady for 8m: PLEG is not healthy');
    expect(finding.detail).toContain('container runtime is not answering');
    expect(finding.ruledOut?.[0]).toContain('MemoryPressure, DiskPressure, PIDPressure are False');
  });

  it('says StatefulSet pods are not replaced while the node is unreachable', () => {
    const facts = factsForPod(podOn('worker-3'), {
      pod: { node: node({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', since: '2026-11-21T11:18:40Z' }, [], '2026-11-21T11:18:45Z') },
      facts: { workload: { kind: 'StatefulSet', object: { metadata: { name: 'orders' } }, revisions: [], pods: [], events: [] } },
    });
    expect(nodeNotReady.detect(facts)!.detail).toContain('StatefulSet does not start a replacement');
  });

  it('uses the pod\'s NodeNotReady event when the Node cannot be read', () => {
    const finding = nodeNotReady.detect(factsForPod(podOn('worker-3'), { events: [notReadyEvent] }))!;
    expect(finding.title).toContain('the Node object could not be read');
  });

  it('is silent when the node is Ready, and for pods that already finished', () => {
    const ready = node({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', since: '2026-11-01T00:00:00Z' }, []);
    expect(nodeNotReady.detect(factsForPod(podOn('worker-3'), { events: [notReadyEvent], pod: { node: ready } }))).toBeUndefined();
    const done = podOn('worker-3');
    done.status = { phase: 'Succeeded' };
    const down = node({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', since: '2026-11-21T11:18:40Z' }, []);
    expect(nodeNotReady.detect(factsForPod(done, { pod: { node: down } }))).toBeUndefined();
  });
});
