import { describe, expect, it } from 'vitest';
import { blockersOf, computeNodeFits, nearestNode } from '../../../src/core/scheduling/node-fit.ts';
import { tolerates } from '../../../src/core/scheduling/taints.ts';
import { boundPod, container, node, pendingPod } from '../../support/scheduling.ts';

describe('computeNodeFits', () => {
  it('subtracts what bound pods request and says what each node lacks', () => {
    const pod = pendingPod('api', { containers: [container('api', { cpu: '1500m', memory: '1Gi' })] });
    const [fit] = computeNodeFits(pod, { nodes: [node('node-3', { cpu: '2' })], boundPods: [boundPod('db', 'node-3', { cpu: '750m' })] });
    expect(fit!.shortfalls).toEqual([{ resource: 'cpu', requested: 1500, allocatable: 2000, used: 750, free: 1250, lacks: 250, advertised: true }]);
    expect(blockersOf(fit!)).toEqual(['resources']);
  });

  it('counts pod slots and extended resources a node does not advertise', () => {
    const pod = pendingPod('train', { containers: [{ name: 'train', resources: { limits: { 'nvidia.com/gpu': '1' } } }] });
    const [fit] = computeNodeFits(pod, { nodes: [node('cpu-1', { pods: '1' })], boundPods: [boundPod('x', 'cpu-1', {})] });
    expect(fit!.shortfalls.map((s) => [s.resource, s.lacks])).toEqual([['nvidia.com/gpu', 1], ['pods', 1]]);
  });

  it('keeps every reason per node, unlike the scheduler, so the nearest node is the one blocked by one thing', () => {
    const pod = pendingPod('api');
    const fits = computeNodeFits(pod, {
      nodes: [
        node('small', { memory: '512Mi', taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] }),
        node('tainted', { taints: [{ key: 'dedicated', value: 'batch', effect: 'NoSchedule' }] }),
      ],
      boundPods: [],
    });
    expect(fits.map(blockersOf)).toEqual([['taint', 'resources'], ['taint']]);
    expect(nearestNode(fits, 'taint')!.name).toBe('tainted');
  });

  it('reports a cordon once, not also as its taint, and lets a DaemonSet-style toleration through', () => {
    const cordoned = node('node-1', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] });
    const [fit] = computeNodeFits(pendingPod('api'), { nodes: [cordoned], boundPods: [] });
    expect(fit!.cordoned).toBe(true);
    expect(fit!.taints).toEqual([]);
    const tolerant = pendingPod('agent', { tolerations: [{ operator: 'Exists' }] });
    expect(blockersOf(computeNodeFits(tolerant, { nodes: [cordoned], boundPods: [] })[0]!)).toEqual([]);
  });

  it('ignores PreferNoSchedule and matches tolerations by key, value and effect', () => {
    expect(tolerates([{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }], { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' })).toBe(true);
    expect(tolerates([{ key: 'dedicated', operator: 'Equal', value: 'gpu' }], { key: 'dedicated', value: 'batch', effect: 'NoSchedule' })).toBe(false);
    expect(tolerates([{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }], { key: 'dedicated', effect: 'NoSchedule' })).toBe(false);
    const [fit] = computeNodeFits(pendingPod('api'), { nodes: [node('n', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] })], boundPods: [] });
    expect(fit!.taints).toEqual([]);
  });

  it('names the selector label a node lacks and what it carries instead', () => {
    const pod = pendingPod('api', {
      nodeSelector: { disktype: 'ssd' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1c'] }] }] } } },
    });
    const [fit] = computeNodeFits(pod, { nodes: [node('n1', { labels: { disktype: 'hdd', 'topology.kubernetes.io/zone': 'eu-west-1a' } })], boundPods: [] });
    expect(fit!.selectorMisses).toEqual([
      { source: 'spec.nodeSelector', requirement: 'disktype=ssd', key: 'disktype', nodeValue: 'hdd' },
      { source: 'spec.affinity.nodeAffinity', requirement: 'topology.kubernetes.io/zone=eu-west-1c', key: 'topology.kubernetes.io/zone', nodeValue: 'eu-west-1a' },
    ]);
  });

  it('passes a node that satisfies any one of the ORed affinity terms', () => {
    const pod = pendingPod('api', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'pool', operator: 'In', values: ['gpu'] }] },
              { matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['8'] }] },
            ],
          },
        },
      },
    });
    const fits = computeNodeFits(pod, { nodes: [node('big', { labels: { cores: '16' } }), node('small', { labels: { cores: '4' } })], boundPods: [] });
    expect(fits.map((f) => f.selectorMisses.length)).toEqual([0, 2]);
  });
});
