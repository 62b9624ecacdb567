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

  it('leaves a pod alone while it is still within its grace period or just past it', () => {
    expect(stuckTerminating.detect(factsForPod(terminatingPod('2026-11-21T12:00:20Z')))).toBeUndefined();
    expect(stuckTerminating.detect(factsForPod(terminatingPod('2026-11-21T11:59:00Z')))).toBeUndefined();
  });
});
