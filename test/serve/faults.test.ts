import { afterEach, describe, expect, it } from 'vitest';
import { serveFixture } from './replay-fixture.ts';

let fixture: Awaited<ReturnType<typeof serveFixture>> | undefined;
afterEach(async () => {
  await fixture?.server.close();
  fixture = undefined;
});

const LOG = '/api/v1/namespaces/shop/pods/web-1/log';
const EVENTS = '/api/v1/namespaces/shop/events';

describe('replay server fault injection', () => {
  it('refuses a read the way RBAC does, naming the verb, resource and namespace', async () => {
    fixture = await serveFixture({ faults: [{ path: '/api/v1/namespaces/*/pods/*/log', status: 403 }], user: 'system:serviceaccount:ops:k8s-why' });
    const { status, body } = await fixture.json(LOG);
    expect(status).toBe(403);
    expect(body).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      message: 'pods "web-1" is forbidden: User "system:serviceaccount:ops:k8s-why" cannot get resource "pods/log" in API group "" in the namespace "shop"',
    });
    // Only the path the fault names fails.
    expect((await fixture.get('/api/v1/namespaces/shop/pods/web-1')).status).toBe(200);
  });

  it('fails events with a 500 only as many times as asked, then answers normally', async () => {
    fixture = await serveFixture({ faults: [{ path: '**/events', status: 500, times: 1 }] });
    expect(await fixture.json(EVENTS)).toMatchObject({ status: 500, body: { reason: 'InternalError' } });
    expect((await fixture.json(EVENTS)).status).toBe(200);
  });

  it('sends Retry-After with a 429, as priority and fairness does', async () => {
    fixture = await serveFixture({ faults: [{ path: '**', status: 429 }] });
    const response = await fixture.get('/api/v1/nodes');
    expect([response.status, response.headers.get('retry-after')]).toEqual([429, '1']);
  });

  it('drops the connection on a reset, so the client sees a network error', async () => {
    fixture = await serveFixture({ faults: [{ path: '**/pods', reset: true, times: 1 }] });
    await expect(fixture.get('/api/v1/pods')).rejects.toThrow();
    expect((await fixture.get('/api/v1/pods')).status).toBe(200);
    expect(fixture.server.traffic().log.map((r) => r.status)).toEqual(['reset', 200]);
  });

  it('stalls a call past the client timeout while the others answer', async () => {
    fixture = await serveFixture({ faults: [{ path: '/api/v1/nodes', stallMs: Number.POSITIVE_INFINITY }] });
    const started = Date.now();
    const [stalled, other] = await Promise.allSettled([fixture.get('/api/v1/nodes', { signal: AbortSignal.timeout(150) }), fixture.get('/api/v1/pods')]);
    expect(stalled.status).toBe('rejected');
    expect(other.status === 'fulfilled' && other.value.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    // The server notices the client leaving when the socket closes, a moment later.
    const stalledRecord = () => fixture!.server.traffic().log.find((r) => r.path === '/api/v1/nodes');
    for (let i = 0; i < 100 && !stalledRecord()?.status; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stalledRecord()?.status).toBe('aborted');
  });

  it('answers normally after a finite stall, and trickles a slow body', async () => {
    fixture = await serveFixture({ faults: [{ path: '/api/v1/nodes', stallMs: 200 }, { path: '/api/v1/pods', slowBodyMs: 300 }] });
    let started = Date.now();
    expect((await fixture.get('/api/v1/nodes')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    started = Date.now();
    const response = await fixture.get('/api/v1/pods');
    const headersAfter = Date.now() - started;
    const body = (await response.json()) as { items: unknown[] };
    expect(headersAfter).toBeLessThan(150);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(body.items).toHaveLength(5);
  });

  it('adds latency to every answer and can change faults while running', async () => {
    fixture = await serveFixture({ latencyMs: 60 });
    const started = Date.now();
    await fixture.get('/version');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    fixture.server.faults.set([{ path: '/version', status: 503 }]);
    expect((await fixture.get('/version')).status).toBe(503);
    fixture.server.faults.clear();
    expect((await fixture.get('/version')).status).toBe(200);
  });
});

describe('replay server traffic counts', () => {
  it('counts parallel requests as one wave and dependent ones as one wave each', async () => {
    fixture = await serveFixture({ latencyMs: 25 });
    const { get, server } = fixture;
    await Promise.all([get('/api/v1/namespaces/shop/pods/web-1'), get(EVENTS), get('/api/v1/nodes/node-1'), get(LOG)]);
    expect(server.traffic()).toMatchObject({ requests: 4, waves: 1, inFlight: 0 });
    await get('/api/v1/namespaces/shop/pods/api-1');
    await get('/apis/apps/v1/namespaces/shop/deployments/web');
    const report = server.traffic();
    expect([report.requests, report.waves]).toEqual([6, 3]);
    expect(report.log.map((r) => r.wave)).toEqual([1, 1, 1, 1, 2, 3]);
    expect(report.log.every((r) => r.status === 200)).toBe(true);
  });

  it('exposes the counts at a debug endpoint that is itself neither counted nor faulted', async () => {
    fixture = await serveFixture({ faults: [{ path: '**', status: 500 }] });
    await fixture.get('/api/v1/pods');
    const seen = await fixture.json('/_k8s-why/traffic');
    expect(seen).toMatchObject({ status: 200, body: { requests: 1, waves: 1, log: [{ path: '/api/v1/pods', status: 500 }] } });
    await fixture.get('/_k8s-why/traffic', { method: 'DELETE' });
    expect((await fixture.json('/_k8s-why/traffic')).body.requests).toBe(0);
    const put = await fixture.get('/_k8s-why/faults', { method: 'PUT', body: JSON.stringify([{ path: '**/log', status: 403 }]) });
    expect(await put.json()).toEqual([{ path: '**/log', status: 403 }]);
    expect((await fixture.get('/api/v1/pods')).status).toBe(200);
    expect((await fixture.get(LOG)).status).toBe(403);
  });
});
