import { describe, expect, it } from 'vitest';
import { parseSchedulerMessage } from '../../../src/core/scheduling/scheduler-messages.ts';

describe('parseSchedulerMessage', () => {
  it('reads counts, kinds, resources and taints from a 1.25+ message with a preemption suffix', () => {
    const parsed = parseSchedulerMessage(
      '0/5 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory, 2 Insufficient nvidia.com/gpu. preemption: 0/5 nodes are available: 1 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod..',
    );
    expect(parsed.nodes).toBe(5);
    expect(parsed.reasons).toEqual([
      { count: 1, text: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', kind: 'taint', taint: { key: 'node-role.kubernetes.io/control-plane', value: '' } },
      { count: 2, text: 'Insufficient memory', kind: 'resources', resource: 'memory' },
      { count: 2, text: 'Insufficient nvidia.com/gpu', kind: 'resources', resource: 'nvidia.com/gpu' },
    ]);
    expect(parsed.preemption).toBe('0/5 nodes are available: 1 Preemption is not helpful for scheduling, 4 No preemption victims found for incoming pod');
  });

  it('keeps the 1.18-1.24 taint wording whole although it contains a comma', () => {
    const parsed = parseSchedulerMessage("0/3 nodes are available: 1 node(s) had taint {dedicated: gpu}, that the pod didn't tolerate, 2 Insufficient cpu.");
    expect(parsed.reasons.map((r) => [r.count, r.kind])).toEqual([[1, 'taint'], [2, 'resources']]);
    expect(parsed.reasons[0]!.taint).toEqual({ key: 'dedicated', value: 'gpu' });
  });

  it.each([
    ["0/3 nodes are available: 3 node(s) had taints that the pod didn't tolerate.", 'taint'],
    ['0/4 nodes are available: 4 node(s) were unschedulable.', 'cordoned'],
    ['0/2 nodes are available: 2 node(s) were not ready.', 'node-condition'],
    ["0/5 nodes are available: 5 node(s) didn't match node selector.", 'selector'],
    ["0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", 'selector'],
    ["0/3 nodes are available: 3 node(s) didn't match Pod's node affinity.", 'selector'],
    ['0/6 nodes are available: 6 node(s) had volume node affinity conflict.', 'volume-affinity'],
    ["0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind.", 'no-volume'],
    ['0/3 nodes are available: 3 Too many pods.', 'resources'],
    ["0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.", 'pod-affinity'],
    ["0/6 nodes are available: 6 node(s) didn't match pod topology spread constraints.", 'topology-spread'],
    ["0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports.", 'ports'],
  ])('classifies %s as %s', (message, kind) => {
    expect(parseSchedulerMessage(message).reasons[0]!.kind).toBe(kind);
  });

  it('reads a pod-level (PreFilter) reason without a count, and one with the pre-1.27 count', () => {
    const now = parseSchedulerMessage('0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..');
    expect(now.reasons).toEqual([{ text: 'pod has unbound immediate PersistentVolumeClaims', kind: 'claim-unbound' }]);
    const before = parseSchedulerMessage('0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims.');
    expect(before.reasons[0]).toMatchObject({ count: 3, kind: 'claim-unbound' });
  });

  it('names the missing claim', () => {
    const parsed = parseSchedulerMessage('0/3 nodes are available: persistentvolumeclaim "data-postgres-0" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..');
    expect(parsed.reasons[0]).toMatchObject({ kind: 'claim-missing', claim: 'data-postgres-0' });
  });

  it('reads the pre-1.10 predicate format', () => {
    const parsed = parseSchedulerMessage('No nodes are available that match all of the following predicates:: Insufficient cpu (3), MatchNodeSelector (2), PodToleratesNodeTaints (1).');
    expect(parsed.reasons.map((r) => [r.kind, r.count, r.resource])).toEqual([
      ['resources', 3, 'cpu'],
      ['selector', 2, undefined],
      ['taint', 1, undefined],
    ]);
  });

  it('reads PreBind volume failures and an empty cluster', () => {
    expect(parseSchedulerMessage('running PreBind plugin "VolumeBinding": binding volumes: provisioning failed for PVC "data-0"').reasons[0]).toMatchObject({ kind: 'volume-binding', claim: 'data-0' });
    expect(parseSchedulerMessage('no nodes available to schedule pods').reasons[0]!.kind).toBe('no-nodes');
  });

  it('keeps an unknown message as one reason of kind other rather than guessing', () => {
    expect(parseSchedulerMessage('Failed to schedule pod, incompatible with nodepool "default"').reasons).toEqual([
      { text: 'Failed to schedule pod, incompatible with nodepool "default"', kind: 'other' },
    ]);
  });
});
