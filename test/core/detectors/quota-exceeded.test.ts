import { describe, expect, it } from 'vitest';
import { quotaExceeded } from '../../../src/core/detectors/quota-exceeded.ts';
import { buildTimeline } from '../../../src/core/events/timeline.ts';
import type { Facts } from '../../../src/core/facts/facts.ts';
import type { Container, CoreEvent, LimitRange, ResourceQuota, Workload } from '../../../src/core/kube/types.ts';

function replicaSet(containers: Container[], status: Workload['status'] = { replicas: 2 }): Workload {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-7d9f8c6b5', namespace: 'shop' },
    spec: { replicas: 3, template: { spec: { containers } } },
    status,
  };
}

function failedCreate(message: string, object = 'web-7d9f8c6b5'): CoreEvent {
  return {
    metadata: { name: `${object}.1` },
    involvedObject: { kind: 'ReplicaSet', name: object, namespace: 'shop' },
    reason: 'FailedCreate',
    type: 'Warning',
    message,
    count: 9,
    lastTimestamp: '2026-11-21T11:59:00Z',
    source: { component: 'replicaset-controller' },
  };
}

/** deploy/web asked, no pod could be created: facts.pod is absent. */
function workloadFacts(rs: Workload, events: CoreEvent[], policy: { quotas?: ResourceQuota[]; limitRanges?: LimitRange[] } = {}): Facts {
  const deployment: Workload = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 3, template: rs.spec!.template }, status: {} };
  return {
    namespace: 'shop',
    target: { outcome: 'workload', asked: 'deploy/web', workload: { kind: 'Deployment', object: deployment } },
    workload: { kind: 'Deployment', object: deployment, revisions: [rs], pods: [], events: buildTimeline(events) },
    policy: { quotas: policy.quotas ?? [], limitRanges: policy.limitRanges ?? [] },
    now: new Date('2026-11-21T12:00:00Z'),
    gaps: [],
  };
}

const app = (resources: Container['resources']): Container => ({ name: 'app', image: 'web:1.4', resources });

const compute: ResourceQuota = {
  metadata: { name: 'compute', namespace: 'shop' },
  spec: { hard: { 'limits.memory': '4Gi', 'requests.cpu': '4' } },
  status: { hard: { 'limits.memory': '4Gi', 'requests.cpu': '4' }, used: { 'limits.memory': '3584Mi', 'requests.cpu': '1500m' } },
};

describe('quota-exceeded', () => {
  it('names the full quota with used, hard and what the new pod needs, backed by the quota status', () => {
    const rs = replicaSet([app({ limits: { memory: '1Gi' } })]);
    const event = failedCreate('Error creating: pods "web-7d9f8c6b5-kx2lp" is forbidden: exceeded quota: compute, requested: limits.memory=1Gi, used: limits.memory=3584Mi, limited: limits.memory=4Gi');
    const draft = quotaExceeded.detect(workloadFacts(rs, [event], { quotas: [compute] }))!;
    expect(draft.title).toBe('ReplicaSet web-7d9f8c6b5 has 2 of 3 pods and cannot create the rest: ResourceQuota compute is full (limits.memory 3584Mi used of 4Gi, the pod needs 1Gi)');
    expect(draft.vars).toMatchObject({ quota: 'compute', resource: 'limits.memory', requested: '1Gi', used: '3584Mi', hard: '4Gi', controller: 'ReplicaSet/web-7d9f8c6b5' });
    expect(draft.evidence).toContainEqual({ kind: 'object', source: 'resourcequota/compute status', text: 'limits.memory: used 3584Mi / hard 4Gi' });
    expect(draft.evidence).toContainEqual({ kind: 'spec', source: 'spec.template.spec.containers[*].resources', text: 'app: limits.memory=1Gi' });
  });

  it('names the containers a quota requires limits from', () => {
    const rs = replicaSet([app({})]);
    const draft = quotaExceeded.detect(workloadFacts(rs, [failedCreate('Error creating: pods "web-x" is forbidden: failed quota: compute: must specify limits.cpu for: app; limits.memory for: app')]))!;
    expect(draft.title).toContain('ResourceQuota compute requires limits.cpu, limits.memory on every container: container app sets none of them');
    expect(draft.vars).toMatchObject({ container: 'app', resources: 'limits.cpu, limits.memory' });
  });

  it('says which container lacks which field, and that containers missing from the template were injected at admission', () => {
    // deckhouse#8919: istio's injector adds check-linux-kernel, istio-init and istio-proxy; the Deployment's own container declares all four.
    const rs = replicaSet([app({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } })], { replicas: 0 });
    const message =
      'Error creating: pods "test-test-5d9c8b7f6-xzf2k" is forbidden: failed quota: mem-cpu-hdd: must specify limits.cpu for: check-linux-kernel,istio-init,istio-proxy; limits.memory for: check-linux-kernel; requests.cpu for: check-linux-kernel; requests.memory for: check-linux-kernel';
    const draft = quotaExceeded.detect(workloadFacts(rs, [failedCreate(message)]))!;
    expect(draft.title).toBe(
      'ReplicaSet web-7d9f8c6b5 cannot create pods: ResourceQuota mem-cpu-hdd requires limits.cpu, limits.memory, requests.cpu, requests.memory on every container: container check-linux-kernel sets none of them, containers istio-init and istio-proxy set no limits.cpu',
    );
    expect(draft.detail).toContain("check-linux-kernel, istio-init and istio-proxy are not in the workload's pod template: a mutating admission webhook");
  });

  it('quotes a LimitRange refusal once, without doubling its full stop', () => {
    const rs = replicaSet([app({ requests: { cpu: '17' } })]);
    const draft = quotaExceeded.detect(workloadFacts(rs, [failedCreate('Error creating: pods "hjacobs-test-1668339668-" is forbidden: maximum cpu usage per Container is 16, but request is 17.')]))!;
    expect(draft.title).toBe("ReplicaSet web-7d9f8c6b5 has 2 of 3 pods and cannot create the rest: LimitRange allows at most 16 cpu per Container, but container app's request is 17");
    expect(draft.detail).toBe('The LimitRange admission plugin refuses the pod: maximum cpu usage per Container is 16, but request is 17.');
  });

  it('names the LimitRange, its bound and the container that breaks it', () => {
    const rs = replicaSet([app({ limits: { memory: '2Gi' } })]);
    const range: LimitRange = { metadata: { name: 'per-container' }, spec: { limits: [{ type: 'Container', max: { memory: '1Gi' } }] } };
    const draft = quotaExceeded.detect(workloadFacts(rs, [failedCreate('Error creating: pods "web-x" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi')], { limitRanges: [range] }))!;
    expect(draft.title).toBe("ReplicaSet web-7d9f8c6b5 has 2 of 3 pods and cannot create the rest: LimitRange per-container allows at most 1Gi memory per Container, but container app's limit is 2Gi");
    expect(draft.vars).toMatchObject({ limitRange: 'per-container', container: 'app', limit: '1Gi' });
  });

  it('says when a LimitRange default limit ends up below the request', () => {
    const rs = replicaSet([app({ requests: { cpu: '600m' } })]);
    const range: LimitRange = { metadata: { name: 'defaults' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '100m' } }] } };
    const message = 'Error creating: Pod "web-x" is invalid: spec.containers[0].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m';
    const draft = quotaExceeded.detect(workloadFacts(rs, [failedCreate(message)], { limitRanges: [range] }))!;
    expect(draft.title).toContain('container app requests 600m cpu, above its cpu limit 500m (defaulted by LimitRange defaults)');
  });

  it('reads the ReplicaFailure condition once the events have expired', () => {
    const rs = replicaSet([app({ limits: { memory: '1Gi' } })], {
      replicas: 2,
      conditions: [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'pods "web-7d9f8c6b5-zz" is forbidden: exceeded quota: compute, requested: limits.memory=1Gi, used: limits.memory=4Gi, limited: limits.memory=4Gi' }],
    });
    const draft = quotaExceeded.detect(workloadFacts(rs, []))!;
    expect(draft.evidence[0]).toMatchObject({ kind: 'status', source: 'ReplicaSet/web-7d9f8c6b5 status.conditions[ReplicaFailure]' });
  });

  it('stays quiet once the controller has all its pods, and for refusals that are not about quota', () => {
    const caughtUp = replicaSet([app({ limits: { memory: '1Gi' } })], { replicas: 3 });
    const event = failedCreate('Error creating: pods "web-x" is forbidden: exceeded quota: compute, requested: limits.memory=1Gi, used: limits.memory=3584Mi, limited: limits.memory=4Gi');
    expect(quotaExceeded.detect(workloadFacts(caughtUp, [event]))).toBeUndefined();
    const rs = replicaSet([app({})]);
    const serviceAccount = failedCreate('Error creating: pods "web-x" is forbidden: error looking up service account shop/web: serviceaccount "web" not found');
    expect(quotaExceeded.detect(workloadFacts(rs, [serviceAccount]))).toBeUndefined();
  });
});
