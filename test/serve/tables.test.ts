import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixture, TABLE } from './replay-fixture.ts';

let fixture: Awaited<ReturnType<typeof serveFixture>>;
beforeAll(async () => {
  fixture = await serveFixture();
});
afterAll(() => fixture.server.close());

/** Rows as kubectl prints them: column name -> cell. */
async function table(path: string) {
  const { body } = await fixture.json(path, TABLE);
  expect(body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
  const columns = (body.columnDefinitions as any[]).map((c) => c.name as string);
  return { body, rows: (body.rows as any[]).map((row) => Object.fromEntries(columns.map((name, i) => [name, row.cells[i]]))) };
}

describe('replay server tables (kubectl get)', () => {
  it('prints pods with the READY, STATUS and RESTARTS kubectl users read', async () => {
    const { rows } = await table('/api/v1/namespaces/shop/pods');
    expect(rows.map((r) => [r.Name, r.Ready, r.Status])).toEqual([
      ['api-1', '1/2', 'CrashLoopBackOff'],
      ['pending-1', '0/1', 'Pending'],
      ['pull-1', '0/1', 'ImagePullBackOff'],
      ['web-1', '1/1', 'Running'],
    ]);
    // The snapshot's moment (11:59:00) is "now": the last crash ended at 11:58:00.
    expect(rows[0]).toMatchObject({ Restarts: '3 (60s ago)', IP: '10.244.1.7', Node: 'node-1', Age: '25h' });
    expect(rows[1]).toMatchObject({ Node: '<none>', IP: '<none>' });
  });

  it('prints nodes as Ready or NotReady, cordoned ones with SchedulingDisabled, roles from labels', async () => {
    const { rows } = await table('/api/v1/nodes');
    expect(rows.map((r) => [r.Name, r.Status, r.Roles, r.Version])).toEqual([
      ['node-1', 'Ready', 'control-plane', 'v1.30.4'],
      ['node-2', 'NotReady,SchedulingDisabled', '<none>', 'v1.29.8'],
    ]);
  });

  it('prints events from both APIs alike: last seen, reason, object, message', async () => {
    for (const path of ['/api/v1/namespaces/shop/events', '/apis/events.k8s.io/v1/namespaces/shop/events']) {
      const { rows } = await table(path);
      expect(rows.map((r) => [r['Last Seen'], r.Type, r.Reason, r.Object])).toEqual([
        ['0s', 'Warning', 'BackOff', 'pod/api-1'],
        ['30s', 'Warning', 'Unhealthy', 'pod/web-1'],
      ]);
      expect(rows[1]).toMatchObject({ Count: 4, Source: 'kubelet, node-1', Subobject: 'spec.containers{app}' });
    }
  });

  it('carries row metadata for -A, or the whole object for --sort-by', async () => {
    const meta = await table('/api/v1/pods');
    expect(meta.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { namespace: 'shop', name: 'api-1' } });
    const full = await table('/api/v1/namespaces/shop/events?includeObject=Object');
    expect(full.body.rows[0].object).toMatchObject({ kind: 'Event', apiVersion: 'v1', lastTimestamp: '2026-11-21T11:59:00Z' });
  });

  it('prints workloads, configuration and anything else with Name and Created At', async () => {
    expect((await table('/apis/apps/v1/namespaces/shop/deployments')).rows[0]).toMatchObject({ Name: 'web', Ready: '1/2', 'Up-to-date': 2, Available: 1, Selector: 'app=web' });
    expect((await table('/api/v1/namespaces/shop/secrets/db-credentials')).rows).toEqual([expect.objectContaining({ Name: 'db-credentials', Type: 'Opaque', Data: 2 })]);
    expect((await table('/apis/cert-manager.io/v1/namespaces/shop/certificates')).rows).toEqual([{ Name: 'shop-tls', 'Created At': '2026-11-01T00:00:00Z' }]);
  });

  it('answers old clients that only speak meta.k8s.io/v1beta1 tables', async () => {
    const { body } = await fixture.json('/api/v1/nodes', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io');
    expect(body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1beta1' });
  });
});
