import { describe, expect, it } from 'vitest';
import { parseAdmissionRefusals } from '../../../src/core/scheduling/admission-refusals.ts';

describe('parseAdmissionRefusals', () => {
  it('reads an exceeded quota with several resources', () => {
    const [refusal] = parseAdmissionRefusals(
      'Error creating: pods "web-7d9f-x2x7q" is forbidden: exceeded quota: compute, requested: limits.memory=1Gi,requests.memory=512Mi, used: limits.memory=3584Mi,requests.memory=2Gi, limited: limits.memory=4Gi,requests.memory=2Gi',
    );
    expect(refusal).toMatchObject({
      kind: 'quota-exceeded',
      quota: 'compute',
      requested: { 'limits.memory': '1Gi', 'requests.memory': '512Mi' },
      used: { 'limits.memory': '3584Mi', 'requests.memory': '2Gi' },
      limited: { 'limits.memory': '4Gi', 'requests.memory': '2Gi' },
    });
  });

  it('reads the StatefulSet wording of the same refusal', () => {
    const [refusal] = parseAdmissionRefusals('create Pod db-0 in StatefulSet db failed error: pods "db-0" is forbidden: exceeded quota: pods-limit, requested: pods=1, used: pods=10, limited: pods=10');
    expect(refusal).toMatchObject({ quota: 'pods-limit', limited: { pods: '10' } });
  });

  it('reads which containers miss which fields, in the 1.27+ and the older wording', () => {
    const [now] = parseAdmissionRefusals('pods "x" is forbidden: failed quota: compute: must specify limits.cpu for: app, sidecar; limits.memory for: app');
    expect(now!.missing).toEqual({ 'limits.cpu': ['app', 'sidecar'], 'limits.memory': ['app'] });
    const [before] = parseAdmissionRefusals('pods "x" is forbidden: failed quota: compute: must specify limits.cpu,limits.memory');
    expect(before!.missing).toEqual({ 'limits.cpu': [], 'limits.memory': [] });
  });

  it('reads every LimitRange violation of an aggregate, with quantities that contain dots', () => {
    const refusals = parseAdmissionRefusals(
      'Error creating: pods "api-1" is forbidden: [maximum cpu usage per Container is 1500m, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2.5Gi]',
    );
    expect(refusals.map((r) => [r.kind, r.bound, r.resource, r.enforced, r.field, r.observed])).toEqual([
      ['limit-range', 'maximum', 'cpu', '1500m', 'limit', '2'],
      ['limit-range', 'maximum', 'memory', '1Gi', 'limit', '2.5Gi'],
    ]);
  });

  it('reads a minimum, a missing field and a ratio', () => {
    expect(parseAdmissionRefusals('pods "a" is forbidden: minimum cpu usage per Container is 100m, but request is 50m.')[0]).toMatchObject({ bound: 'minimum', field: 'request', observed: '50m' });
    const unset = parseAdmissionRefusals('pods "a" is forbidden: maximum memory usage per Container is 1Gi.  No limit is specified')[0];
    expect(unset).toMatchObject({ enforced: '1Gi', field: 'limit' });
    expect(unset).not.toHaveProperty('observed');
    expect(parseAdmissionRefusals('pods "a" is forbidden: memory max limit to request ratio per Container is 2, but provided ratio is 4.000000')[0]).toMatchObject({ kind: 'limit-ratio', enforced: '2', observed: '4.000000' });
  });

  it('reads a request above a defaulted limit, with the container index', () => {
    const [refusal] = parseAdmissionRefusals('Error creating: Pod "api-6d4cf56db6-abcde" is invalid: spec.containers[1].resources.requests: Invalid value: "600m": must be less than or equal to cpu limit of 500m');
    expect(refusal).toMatchObject({ kind: 'request-above-limit', containerIndex: 1, resource: 'cpu', observed: '600m', enforced: '500m' });
  });

  it('finds nothing in refusals that are not about quota or limits', () => {
    expect(parseAdmissionRefusals('Error creating: pods "x" is forbidden: error looking up service account shop/api: serviceaccount "api" not found')).toEqual([]);
  });
});
