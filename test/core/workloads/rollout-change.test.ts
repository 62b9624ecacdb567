import { describe, expect, it } from 'vitest';
import type { Workload } from '../../../src/core/kube/types.ts';
import { rolloutChange, rolloutEvidence } from '../../../src/core/workloads/rollout-change.ts';
import { crashingPod } from '../../support/objects.ts';
import { factsForPod } from '../../support/facts.ts';

function replicaSet(name: string, revision: number, ready: number, env: { name: string; value: string }[], image: string): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'shop', annotations: { 'deployment.kubernetes.io/revision': String(revision) } },
    spec: { template: { spec: { containers: [{ name: 'api', image, env }] } } },
    status: { readyReplicas: ready },
  };
}

const deployment: Workload = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' } };

function factsWith(revisions: Workload[]) {
  const pod = crashingPod('api-new-1');
  pod.metadata.ownerReferences = [{ kind: 'ReplicaSet', name: revisions[0]!.metadata.name!, controller: true }];
  return factsForPod(pod, { facts: { workload: { kind: 'ReplicaSet', object: revisions[0]!, owner: { kind: 'Deployment', object: deployment }, revisions, pods: [], events: [] } } });
}

describe('what a failing rollout changed', () => {
  const revisions = [
    replicaSet('api-new', 8, 0, [{ name: 'DB_URL', value: 'postgres://app:NEWSECRET@db-2/shop' }], 'shop/api:1.5.0'),
    replicaSet('api-old', 7, 3, [{ name: 'DB_URL', value: 'postgres://app:OLDSECRET@db-1/shop' }], 'shop/api:1.4.9'),
  ];

  it('names the changed image and env variable, never an env value', () => {
    const change = rolloutChange(factsWith(revisions))!;
    expect(change).toMatchObject({ deployment: 'api', fromRevision: 7, toRevision: 8 });
    const texts = rolloutEvidence(change, []).map((e) => e.text);
    expect(texts).toEqual(['the rollout changed api image: shop/api:1.4.9 -> shop/api:1.5.0', 'the rollout changed api env DB_URL: changed']);
    expect(JSON.stringify(change)).not.toContain('SECRET');
  });

  it('does not repeat a change the finding already cites', () => {
    const change = rolloutChange(factsWith(revisions))!;
    const cited = [{ kind: 'object' as const, source: 'detector', text: 'the image went from shop/api:1.4.9 to shop/api:1.5.0' }];
    expect(rolloutEvidence(change, cited).map((e) => e.text)).toEqual(['the rollout changed api env DB_URL: changed']);
  });

  it('says nothing when the previous revision was not serving either', () => {
    const notServing = [revisions[0]!, { ...revisions[1]!, status: { readyReplicas: 0 } }];
    expect(rolloutChange(factsWith(notServing))).toBeUndefined();
  });
});
