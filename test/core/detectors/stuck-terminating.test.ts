import { describe, expect, it } from 'vitest';
import { stuckTerminating } from '../../../src/core/detectors/stuck-terminating.ts';
import type { KubeNode, Pod } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';

function terminatingPod(deletionTimestamp: string, finalizers?: string[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', namespace: 'shop', uid: 'u1', creationTimestamp: '2026-11-20T08:00:00Z', deletionTimestamp, deletionGracePeriodSeconds: 30, finalizers },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], nodeName: 'worker-3', terminationGracePeriodSeconds: 30 },
    status: { phase: 'Running', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { running: { startedAt: '2026-11-20T08:00:10Z' } } }] },
  };
}

const readyNode = (status: string, message = ''): KubeNode => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'worker-3' },
  status: { conditions: [{ type: 'Ready', status, reason: status === 'Unknown' ? 'NodeStatusUnknown' : 'KubeletReady', message, lastTransitionTime: '2026-11-21T09:00:00Z' }] },
});

describe('stuck-terminating', () => {
  it('names the finalizers and how long ago deletion was requested', () => {
    const facts = factsForPod(terminatingPod('2026-11-21T09:00:30Z', ['example.com/drain-connections']), { pod: { node: readyNode('True') } });
    const finding = stuckTerminating.detect(facts)!;
    expect(finding.title).toBe('Terminating for 3h (grace period 30s): held by finalizer example.com/drain-connections');
    expect(finding.vars).toMatchObject({ finalizers: 'example.com/drain-connections', node: 'worker-3', overdue: '2h59m' });
    expect(finding.ruledOut).toContain('node worker-3 is Ready: its kubelet is reporting');
    expect(finding.detail).toContain('skips whatever cleanup it guards');
  });

  it('blames the unreachable node and warns that a force delete can run two copies', () => {
    const facts = factsForPod(terminatingPod('2026-11-21T09:10:30Z'), { pod: { node: readyNode('Unknown', 'Kubelet stopped posting node status.') } });
    const finding = stuckTerminating.detect(facts)!;
    expect(finding.title).toBe('Terminating for 2h50m (grace period 30s): held by node worker-3 unreachable for 3h');
    expect(finding.detail).toContain('two copies running at once');
    expect(finding.ruledOut).toContain('finalizers: metadata.finalizers is empty');
  });

  it('says the node is gone and that a Job-tracking finalizer of a deleted Job guards nothing', () => {
    // PodGC deleted the pod when its node vanished; the Job it would be counted for was deleted too.
    const pod = terminatingPod('2025-03-07T02:31:17Z', ['batch.kubernetes.io/job-tracking']);
    pod.metadata.name = 'mailings-28494341-dm5mw';
    pod.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'mailings-28494341', uid: 'j1', controller: true }];
    pod.status = { ...pod.status, phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }] };
    const finding = stuckTerminating.detect(factsForPod(pod))!;
    expect(finding.title).toContain('held by finalizer batch.kubernetes.io/job-tracking (its node worker-3 no longer exists)');
    expect(finding.detail).toContain('Its Job mailings-28494341 was not found. If the Job was deleted');
    expect(finding.detail).toContain('removing it by hand lets the deletion finish');
    expect(finding.evidence.map((e) => e.text).join('\n')).toContain('PodGC: node no longer exists');
    expect(finding.vars?.finalizer).toBe('batch.kubernetes.io/job-tracking');
  });

  it('does not call a node gone on its absence alone: a snapshot may have left it out', () => {
    const finding = stuckTerminating.detect(factsForPod(terminatingPod('2026-11-21T09:00:30Z', ['example.com/drain'])))!;
    expect(finding.title).not.toContain('no longer exists');
    expect(finding.evidence.map((e) => e.text)).toContain('not found: no Node by that name (removed from the cluster, or not captured)');
  });

  it('does not call a node gone or a Job deleted when they could not be read', () => {
    const pod = terminatingPod('2025-03-07T02:31:17Z', ['batch.kubernetes.io/job-tracking']);
    pod.metadata.ownerReferences = [{ apiVersion: 'batch/v1', kind: 'Job', name: 'mailings-1', uid: 'j1', controller: true }];
    const gaps = [
      { what: 'get node worker-3', code: 'forbidden' as const, detail: 'nodes "worker-3" is forbidden' },
      { what: 'get job mailings-1 in shop', code: 'forbidden' as const, detail: 'jobs.batch "mailings-1" is forbidden' },
    ];
    const finding = stuckTerminating.detect(factsForPod(pod, { facts: { gaps } }))!;
    expect(finding.title).not.toContain('no longer exists');
    expect(finding.detail).not.toContain('no longer exists');
    expect(finding.detail).toContain('find out why that controller has not finished');
  });

  it('names who removes a known finalizer, and rules out the kubelet once every container stopped', () => {
    const pod = terminatingPod('2026-11-21T09:00:30Z', ['prow.x-k8s.io/gcsk8sreporter']);
    pod.status = { phase: 'Failed', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { terminated: { exitCode: 130, reason: 'Error' } } }] };
    const finding = stuckTerminating.detect(factsForPod(pod, { pod: { node: readyNode('True') } }))!;
    expect(finding.evidence.map((e) => e.text)).toContain('prow.x-k8s.io/gcsk8sreporter (the controller that owns prow.x-k8s.io, which added it)');
    expect(finding.ruledOut).toContain('the kubelet: every container has stopped; only the finalizers keep the pod');
  });

  it('leaves a pod alone while it is still within its grace period or just past it', () => {
    expect(stuckTerminating.detect(factsForPod(terminatingPod('2026-11-21T12:00:20Z')))).toBeUndefined();
    expect(stuckTerminating.detect(factsForPod(terminatingPod('2026-11-21T11:59:00Z')))).toBeUndefined();
  });
});
