import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnose.ts';
import { parseTarget } from '../../../src/core/target/parse-target.ts';
import { resolveTarget } from '../../../src/core/target/resolve-target.ts';
import type { KubeObject } from '../../../src/core/kube/types.ts';
import { SnapshotReader } from '../../../src/snapshot/snapshot-reader.ts';
import { crashingPod, runningPod } from '../../support/objects.ts';

const now = new Date('2026-11-21T12:00:00Z');

function readerOf(objects: KubeObject[]) {
  return new SnapshotReader({ objects: objects as never, logs: [] }, 'snapshot test');
}

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'checkout', namespace: 'shop', uid: 'uid-checkout' },
  spec: { replicas: 2, selector: { matchLabels: { app: 'checkout' } }, template: { spec: { containers: [{ name: 'app', image: 'shop/app:1.0' }] } } },
};
const replicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'checkout-7d9f8c6b5',
    namespace: 'shop',
    uid: 'uid-checkout-7d9f8c6b5',
    labels: { app: 'checkout' },
    annotations: { 'deployment.kubernetes.io/revision': '3' },
    ownerReferences: [{ kind: 'Deployment', name: 'checkout', uid: 'uid-checkout', controller: true }],
  },
  spec: { selector: { matchLabels: { app: 'checkout' } } },
};

describe('parseTarget', () => {
  it('reads pod names, prefixes and kubectl kind aliases', () => {
    expect(parseTarget('checkout-7d9f')).toEqual({ ok: true, spec: { kind: 'Pod', name: 'checkout-7d9f', exact: false } });
    expect(parseTarget('deploy/checkout')).toEqual({ ok: true, spec: { kind: 'Deployment', name: 'checkout' } });
    expect(parseTarget('statefulset.apps/db')).toEqual({ ok: true, spec: { kind: 'StatefulSet', name: 'db' } });
    expect(parseTarget('cj/nightly')).toEqual({ ok: true, spec: { kind: 'CronJob', name: 'nightly' } });
    expect(parseTarget('pod/api-1')).toEqual({ ok: true, spec: { kind: 'Pod', name: 'api-1', exact: true } });
  });

  it('says what to type instead for an unknown kind or an invalid name', () => {
    const kind = parseTarget('svc/web');
    expect(kind.ok ? '' : kind.error).toMatch(/unknown kind "svc".*deploy\/web/);
    const name = parseTarget('Checkout_1');
    expect(name.ok ? '' : name.error).toMatch(/not a Kubernetes object name/);
  });
});

describe('resolveTarget', () => {
  it('resolves a unique prefix to the pod', async () => {
    const reader = readerOf([runningPod('checkout-7d9f8c6b5-x2x7q'), runningPod('cart-5b6c7d-aaaaa')]);
    const { resolution } = await resolveTarget(reader, { kind: 'Pod', name: 'checkout', exact: false }, 'checkout', 'shop', now);
    expect(resolution.outcome === 'pod' && resolution.pod.metadata.name).toBe('checkout-7d9f8c6b5-x2x7q');
  });

  it('lists the candidates of an ambiguous prefix, worst first, with their status', async () => {
    const reader = readerOf([runningPod('checkout-7d9f8c6b5-aaaaa'), crashingPod('checkout-7d9f8c6b5-bbbbb')]);
    const { resolution } = await resolveTarget(reader, { kind: 'Pod', name: 'checkout', exact: false }, 'checkout', 'shop', now);
    expect(resolution.outcome).toBe('ambiguous');
    expect(resolution.outcome === 'ambiguous' && resolution.candidates).toEqual([
      { name: 'checkout-7d9f8c6b5-bbbbb', namespace: 'shop', status: 'CrashLoopBackOff' },
      { name: 'checkout-7d9f8c6b5-aaaaa', namespace: 'shop', status: 'Running' },
    ]);
  });

  it('on a miss suggests near names and says where the name does exist', async () => {
    const reader = readerOf([runningPod('checkout-7d9f8c6b5-aaaaa'), runningPod('payments-1', 'billing')]);
    const typo = await resolveTarget(reader, { kind: 'Pod', name: 'chekout', exact: false }, 'chekout', 'shop', now);
    expect(typo.resolution.outcome === 'missing' && typo.resolution.suggestions).toContain('checkout-7d9f8c6b5-aaaaa');
    const elsewhere = await resolveTarget(reader, { kind: 'Pod', name: 'payments', exact: false }, 'payments', 'shop', now);
    expect(elsewhere.resolution.outcome === 'missing' && elsewhere.resolution.elsewhere).toEqual([{ namespace: 'billing', name: 'payments-1' }]);
  });

  it('finds a Deployment\'s pods through its ReplicaSets and picks the worst one', async () => {
    const reader = readerOf([
      deployment,
      replicaSet,
      runningPod('checkout-7d9f8c6b5-aaaaa', 'shop', { owner: 'checkout-7d9f8c6b5', labels: { app: 'checkout' } }),
      { ...crashingPod('checkout-7d9f8c6b5-bbbbb'), metadata: { ...runningPod('checkout-7d9f8c6b5-bbbbb', 'shop', { owner: 'checkout-7d9f8c6b5', labels: { app: 'checkout' } }).metadata } },
      // Same labels, but not owned by the Deployment's ReplicaSet: must not be picked.
      crashingPod('checkout-debug'),
    ]);
    const { resolution, members } = await resolveTarget(reader, { kind: 'Deployment', name: 'checkout' }, 'deploy/checkout', 'shop', now);
    expect(resolution.outcome === 'workload' && resolution.pod?.metadata.name).toBe('checkout-7d9f8c6b5-bbbbb');
    expect(members?.pods.map((p) => p.metadata.name).sort()).toEqual(['checkout-7d9f8c6b5-aaaaa', 'checkout-7d9f8c6b5-bbbbb']);
  });

  it('answers not-found with the suggestion in the finding', async () => {
    const reader = readerOf([runningPod('checkout-7d9f8c6b5-aaaaa')]);
    const result = await diagnose(reader, { target: 'chekout', namespace: 'shop' }, { now });
    expect(result.ok && result.diagnosis.findings[0]?.id).toBe('not-found');
    expect(result.ok && result.diagnosis.findings[0]?.evidence.map((e) => e.text).join(' ')).toContain('checkout-7d9f8c6b5-aaaaa');
  });
});

describe('the pod a workload is answered with', () => {
  it('is the Pending replacement, not the evicted pod whose killed container says Error', async () => {
    const owned = (name: string) => runningPod(name, 'shop', { owner: 'checkout-7d9f8c6b5', labels: { app: 'checkout' } }).metadata;
    const evicted = {
      ...runningPod('checkout-7d9f8c6b5-aaaaa'),
      metadata: owned('checkout-7d9f8c6b5-aaaaa'),
      status: {
        phase: 'Failed',
        reason: 'Evicted',
        message: 'The node was low on resource: ephemeral-storage. ',
        containerStatuses: [{ name: 'app', ready: false, restartCount: 0, image: 'shop/app:1.0', imageID: '', state: { terminated: { exitCode: 137, reason: 'Error' } } }],
      },
    };
    const pending = { ...runningPod('checkout-7d9f8c6b5-bbbbb'), metadata: owned('checkout-7d9f8c6b5-bbbbb'), spec: { containers: [{ name: 'app', image: 'shop/app:1.0' }] }, status: { phase: 'Pending' } };
    const reader = readerOf([deployment, replicaSet, evicted, pending]);
    const { resolution } = await resolveTarget(reader, { kind: 'Deployment', name: 'checkout' }, 'deploy/checkout', 'shop', now);
    expect(resolution.outcome === 'workload' && resolution.pod?.metadata.name).toBe('checkout-7d9f8c6b5-bbbbb');
  });
});
