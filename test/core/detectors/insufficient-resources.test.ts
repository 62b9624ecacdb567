import { describe, expect, it } from 'vitest';
import { insufficientResources } from '../../../src/core/detectors/insufficient-resources.ts';
import type { CoreEvent } from '../../../src/core/kube/types.ts';
import { boundPod, container, node, pendingFacts, pendingPod } from '../../support/scheduling.ts';

describe('insufficient-resources', () => {
  it('says how close the nearest node came', () => {
    const pod = pendingPod('api', { containers: [container('api', { cpu: '1500m', memory: '1Gi' })] });
    const facts = pendingFacts(pod, {
      nodes: [node('node-1', { cpu: '2' }), node('node-2', { cpu: '2' }), node('node-3', { cpu: '2' })],
      bound: [boundPod('a', 'node-1', { cpu: '1500m' }), boundPod('b', 'node-2', { cpu: '1' }), boundPod('c', 'node-3', { cpu: '750m' })],
      message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..',
    });
    const draft = insufficientResources.detect(facts)!;
    expect(draft.title).toBe("No node has room for the pod's 1500m cpu request: nearest, node-3, lacks 250m cpu (3/3 nodes short)");
    expect(draft.vars).toMatchObject({ node: 'node-3', resource: 'cpu', requested: '1500m', shortfall: '250m', free: '1250m', allocatable: '2' });
    expect(draft.detail).toContain('no lower-priority pods could be evicted');
  });

  it('says no node offers a GPU the pod asks for', () => {
    const pod = pendingPod('train', { containers: [{ name: 'train', resources: { limits: { 'nvidia.com/gpu': '2' } } }] });
    const facts = pendingFacts(pod, { nodes: [node('cpu-1'), node('gpu-1', { extra: { 'nvidia.com/gpu': '1' } })], message: '0/2 nodes are available: 2 Insufficient nvidia.com/gpu.' });
    const draft = insufficientResources.detect(facts)!;
    expect(draft.title).toContain('nearest, gpu-1, lacks 1 nvidia.com/gpu');
    expect(draft.detail).toContain('larger than what any node can allocate');
  });

  it('says when no node advertises the extended resource at all (no device plugin), rather than that it is taken', () => {
    const pod = pendingPod('triton', { containers: [{ name: 'triton', resources: { limits: { 'nvidia.com/gpu': '1' } } }] });
    const draft = insufficientResources.detect(pendingFacts(pod, { nodes: [node('ttogpu')], message: '0/1 nodes are available: 1 Insufficient nvidia.com/gpu.' }))!;
    expect(draft.title).toBe('No node offers nvidia.com/gpu, which the pod requests (1): the only node, ttogpu, lists none in its allocatable');
    expect(draft.detail).toContain('device plugin');
  });

  it('counts pod slots: a node at its pod limit is full whatever the requests', () => {
    const pod = pendingPod('tiny', { containers: [container('tiny')] });
    const facts = pendingFacts(pod, { nodes: [node('node-1', { pods: '2' })], bound: [boundPod('a', 'node-1', {}), boundPod('b', 'node-1', {})], message: '0/1 nodes are available: 1 Too many pods.' });
    const draft = insufficientResources.detect(facts)!;
    expect(draft.title).toBe('No free pod slot where the pod can go: nearest, node-1, already runs 2/2 pods (1/1 nodes full)');
    expect(draft.vars).toMatchObject({ resource: 'pods' });
  });

  it('works from the nodes alone once the scheduler event and condition message are gone', () => {
    const pod = pendingPod('api', { containers: [container('api', { memory: '20Gi' })] });
    pod.status!.conditions = [];
    const draft = insufficientResources.detect(pendingFacts(pod, { nodes: [node('node-1')] }))!;
    expect(draft.title).toContain("the pod's 20Gi memory request");
    expect(draft.title).toContain('lacks 4Gi memory');
    expect(draft.evidence.some((e) => e.kind === 'event')).toBe(false);
  });

  it('works from the message alone when the nodes could not be read, quoting the pod request', () => {
    const pod = pendingPod('flask', { containers: [container('flask', { memory: '2000Mi' })] }, '0/3 nodes are available: 3 Insufficient memory.');
    const draft = insufficientResources.detect(pendingFacts(pod))!;
    expect(draft.title).toBe("The scheduler found 3 of 3 nodes without enough memory for the pod's 2000Mi memory request");
    expect(draft.evidence).toContainEqual({ kind: 'status', source: 'status.conditions[PodScheduled] (Unschedulable)', text: '0/3 nodes are available: 3 Insufficient memory.' });
  });

  it("cites the cluster autoscaler's verdict", () => {
    const pod = pendingPod('api');
    const scaleUp: CoreEvent = {
      metadata: { name: 'api.2' },
      involvedObject: { kind: 'Pod', name: 'api' },
      reason: 'NotTriggerScaleUp',
      type: 'Normal',
      message: "pod didn't trigger scale-up: 2 max node group size reached",
      source: { component: 'cluster-autoscaler' },
      lastTimestamp: '2026-11-21T11:59:00Z',
    };
    const draft = insufficientResources.detect(pendingFacts(pod, { nodes: [node('n', { memory: '512Mi' })], events: [scaleUp] }))!;
    expect(draft.evidence.map((e) => e.text)).toContain("pod didn't trigger scale-up: 2 max node group size reached");
  });

  it('rules out a claim that waits for its first consumer, which is what its StorageClass does by design', () => {
    const pod = pendingPod('postgres-0', { containers: [container('postgres', { memory: '4Gi' })], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-postgres-0' } }] });
    const localPath = { metadata: { name: 'local-path' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' };
    const claim = { volume: 'data', claimName: 'data-postgres-0', claim: { metadata: { name: 'data-postgres-0' }, spec: { storageClassName: 'local-path' }, status: { phase: 'Pending' } }, storageClass: localPath, events: [], storageClasses: [localPath] };
    const draft = insufficientResources.detect(pendingFacts(pod, { nodes: [node('k3s-1', { memory: '3824Mi' })], claims: [claim], message: '0/1 nodes are available: 1 Insufficient memory.' }))!;
    expect(draft.ruledOut).toContain('PVC data-postgres-0: Pending only because StorageClass local-path is WaitForFirstConsumer; it binds once the pod has a node');
  });

  it("reads the kubelet's admission refusal of a pod bound with spec.nodeName", () => {
    const pod = pendingPod('batch-7', { nodeName: 'node-2', containers: [container('batch', { cpu: '2' })] });
    pod.status = { phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 2000, used: 3100, capacity: 4000" };
    const draft = insufficientResources.detect(pendingFacts(pod))!;
    expect(draft.title).toBe('The kubelet on node-2 refused the pod (OutOfcpu): it requests 2 cpu, 3100m of 4 already in use (lacks 1100m)');
    expect(draft.detail).toContain('bound with spec.nodeName');
  });

  it('stays quiet when a node has room and the scheduler blamed something else', () => {
    const facts = pendingFacts(pendingPod('api'), { nodes: [node('node-1')], message: "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules." });
    expect(insufficientResources.detect(facts)).toBeUndefined();
  });

  it('shows as evidence the nodes the pod could otherwise use, before nodes its selector rules out anyway', () => {
    const pod = pendingPod('prow-job', { nodeSelector: { 'node-role.kubernetes.io/compute': 'true' }, containers: [container('test', { 'ephemeral-storage': '200Gi' })] });
    const compute = (name: string) => node(name, { labels: { 'node-role.kubernetes.io/compute': 'true' }, extra: { 'ephemeral-storage': '180Gi' } });
    const facts = pendingFacts(pod, {
      nodes: [node('a-master', { extra: { 'ephemeral-storage': '90Gi' } }), compute('n-1'), compute('n-2')],
      message: "0/3 nodes are available: 3 Insufficient ephemeral-storage, 1 node(s) didn't match node selector.",
    });
    const nodesShown = insufficientResources.detect(facts)!.evidence.filter((e) => e.kind === 'node').map((e) => e.source.split(' ')[0]);
    expect(nodesShown).toEqual(['node/n-1', 'node/n-2', 'node/a-master']);
  });
});
