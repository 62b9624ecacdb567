import { describe, expect, it } from 'vitest';
import type { ApiRead } from '../../src/live/api-read.ts';
import { failureForStatus, failureWithoutAnswer, parseStatus } from '../../src/live/read-failures.ts';

const listDeployments: ApiRead = { verb: 'list', group: 'apps', resource: 'deployments', namespaced: true, namespace: 'shop' };
const status = (code: number, reason: string, message: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message });

describe('read failures', () => {
  it('403 names verb, resource and group as a Role rule writes them, and the ClusterRole file', () => {
    const failure = failureForStatus(listDeployments, 403, status(403, 'Forbidden', 'deployments.apps is forbidden: User "alice" cannot list resource "deployments" in API group "apps" in the namespace "shop"'));
    expect([failure.code, failure.what]).toEqual(['forbidden', 'list deployments.apps in shop']);
    expect(failure.message).toContain('RBAC does not allow "list" on "deployments" in API group "apps" in namespace shop');
    expect(failure.message).toContain('User "alice"');
    expect(failure.message).toContain('infra/k8s/rbac.yaml');
  });

  it('maps statuses to codes: 401, 404, 429, 504, 500', () => {
    const code = (http: number) => failureForStatus(listDeployments, http, status(http, 'X', 'said')).code;
    expect([401, 404, 429, 504, 500, 400].map(code)).toEqual(['unauthorized', 'not-found', 'unavailable', 'timeout', 'unavailable', 'bad-request']);
  });

  it('keeps what a proxy in front said when the body is not a Status', () => {
    expect(parseStatus('<html><title>502 Bad Gateway</title></html>\n<body/>')).toEqual({ message: '<html><title>502 Bad Gateway</title></html>' });
    expect(failureForStatus(listDeployments, 502, '<html>502 Bad Gateway</html>').message).toContain('502 Bad Gateway');
  });

  it('a request that could not be built is a credentials problem', () => {
    const failure = failureWithoutAnswer(listDeployments, 'https://k8s:6443', { kind: 'not-sent', error: new Error('exec: executable aws not found') });
    expect(failure.code).toBe('unauthorized');
    expect(failure.message).toContain('could not prepare credentials for https://k8s:6443: exec: executable aws not found');
  });

  it('finds the socket error under fetch\'s "fetch failed" and an AggregateError', () => {
    const refused = new TypeError('fetch failed', { cause: new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:6443'), { code: 'ECONNREFUSED' })]) });
    const failure = failureWithoutAnswer(listDeployments, 'https://localhost:6443', { kind: 'transport', error: refused });
    expect([failure.code, failure.message]).toEqual(['unavailable', expect.stringContaining('connection refused by https://localhost:6443')]);
  });

  it('names which limit fired', () => {
    expect(failureWithoutAnswer(listDeployments, 's', { kind: 'budget-spent', budgetMs: 20_000 }).message).toContain('the 20s budget for this answer ran out');
    expect(failureWithoutAnswer(listDeployments, 's', { kind: 'request-timeout', timeoutMs: 2_500 }).message).toContain('within 2.5s');
  });
});
