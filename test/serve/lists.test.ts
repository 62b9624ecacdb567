import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_VALUE, serveFixture } from './replay-fixture.ts';

let fixture: Awaited<ReturnType<typeof serveFixture>>;
beforeAll(async () => {
  fixture = await serveFixture();
});
afterAll(() => fixture.server.close());

const names = (body: Record<string, any>) => (body.items as any[]).map((item) => item.metadata.name as string);
const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

describe('replay server get and list', () => {
  it('lists a namespace as a PodList in storage order, items without kind as the API server sends them', async () => {
    const { body } = await fixture.json('/api/v1/namespaces/shop/pods');
    expect(body).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) } });
    expect(names(body)).toEqual(['api-1', 'pending-1', 'pull-1', 'web-1']);
    expect(body.items[0].kind).toBeUndefined();
  });

  it('lists across namespaces, and cluster-scoped resources without one', async () => {
    const pods = await fixture.json('/api/v1/pods');
    expect((pods.body.items as any[]).map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      'shop/api-1',
      'shop/pending-1',
      'shop/pull-1',
      'shop/web-1',
      'staging/web-1',
    ]);
    expect(names((await fixture.json('/api/v1/nodes')).body)).toEqual(['node-1', 'node-2']);
    expect((await fixture.json('/apis/apps/v1/namespaces/shop/deployments')).body).toMatchObject({ kind: 'DeploymentList', apiVersion: 'apps/v1' });
    expect((await fixture.json('/api/v1/namespaces/nowhere/pods')).body.items).toEqual([]);
  });

  it('gets one object with its kind, or a NotFound Status naming it', async () => {
    const pod = await fixture.json('/api/v1/namespaces/shop/pods/web-1');
    expect(pod.body).toMatchObject({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'web-1', namespace: 'shop' } });
    const missing = await fixture.json('/api/v1/namespaces/shop/pods/nope');
    expect(missing).toMatchObject({ status: 404, body: { kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found', details: { name: 'nope', kind: 'pods' } } });
    const deploy = await fixture.json('/apis/apps/v1/namespaces/shop/deployments/gone');
    expect(deploy.body.message).toBe('deployments.apps "gone" not found');
  });

  it('filters with label selectors and the field selectors the API server supports', async () => {
    expect(names((await fixture.json(`/api/v1/pods${q({ labelSelector: 'app=web,tier=front' })}`)).body)).toEqual(['web-1']);
    const untiered = (await fixture.json(`/api/v1/pods${q({ labelSelector: 'app in (api,web),!tier' })}`)).body;
    expect((untiered.items as any[]).map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['staging/web-1']);
    expect(names((await fixture.json(`/api/v1/namespaces/shop/pods${q({ fieldSelector: 'status.phase!=Running' })}`)).body)).toEqual(['pending-1']);
    // kubectl describe node lists the node's pods this way.
    const onNode = `/api/v1/pods${q({ fieldSelector: 'spec.nodeName=node-1,status.phase!=Failed,status.phase!=Succeeded' })}`;
    expect(names((await fixture.json(onNode)).body)).toEqual(['api-1', 'pull-1', 'web-1', 'web-1']);
    expect(names((await fixture.json(`/api/v1/nodes${q({ fieldSelector: 'spec.unschedulable=false' })}`)).body)).toEqual(['node-1']);
  });

  it('refuses a field selector the resource does not support, with the API server sentence', async () => {
    const { status, body } = await fixture.json(`/api/v1/namespaces/shop/pods${q({ fieldSelector: 'spec.containers=app' })}`);
    expect(status).toBe(400);
    expect(body.message).toBe('Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.containers=app": field label not supported: spec.containers');
  });

  it('pages with limit and an opaque continue token until the list is done', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let first: Record<string, any> | undefined;
    do {
      const { body } = await fixture.json(`/api/v1/pods${q({ limit: '2', ...(token ? { continue: token } : {}) })}`);
      first ??= body;
      seen.push(...(body.items as any[]).map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
      token = body.metadata.continue;
    } while (token);
    expect(seen).toEqual(['shop/api-1', 'shop/pending-1', 'shop/pull-1', 'shop/web-1', 'staging/web-1']);
    expect(first?.metadata.remainingItemCount).toBe(3);
    const bad = await fixture.json(`/api/v1/pods${q({ limit: '2', continue: 'not-a-token' })}`);
    expect(bad).toMatchObject({ status: 400, body: { reason: 'BadRequest' } });
  });

  it('answers every event on both event APIs, each with its own field names and selectors', async () => {
    const core = await fixture.json('/api/v1/namespaces/shop/events');
    const v1 = await fixture.json('/apis/events.k8s.io/v1/namespaces/shop/events');
    expect(names(core.body).sort()).toEqual(names(v1.body).sort());
    expect(core.body.items).toHaveLength(2);

    const web = `/api/v1/namespaces/shop/events${q({ fieldSelector: 'involvedObject.name=web-1,involvedObject.kind=Pod,involvedObject.uid=uid-web-1' })}`;
    const [written] = (await fixture.json(web)).body.items as any[];
    expect(written).toMatchObject({ involvedObject: { name: 'web-1' }, message: 'Readiness probe failed: HTTP probe failed with statuscode: 503', reason: 'Unhealthy', source: {}, series: { count: 4 } });

    const api = `/apis/events.k8s.io/v1/namespaces/shop/events${q({ fieldSelector: 'regarding.name=api-1' })}`;
    const [converted] = (await fixture.json(api)).body.items as any[];
    expect(converted).toMatchObject({ regarding: { name: 'api-1' }, note: expect.stringContaining('Back-off restarting failed container api'), deprecatedCount: 12, deprecatedSource: { component: 'kubelet' } });
    const wrongNames = await fixture.json(`/apis/events.k8s.io/v1/events${q({ fieldSelector: 'involvedObject.name=api-1' })}`);
    expect(wrongNames.status).toBe(400);
  });

  it('serves Secrets with their keys and never their values', async () => {
    for (const path of ['/api/v1/namespaces/shop/secrets', '/api/v1/namespaces/shop/secrets/db-credentials']) {
      const response = await fixture.get(path);
      const text = await response.text();
      expect(text).not.toContain(SECRET_VALUE);
      expect(text).not.toContain('c2hvcA==');
      expect(text).toContain('"password":""');
    }
  });

  it('keeps kind and apiVersion on the items of a custom resource list', async () => {
    const { body } = await fixture.json('/apis/cert-manager.io/v1/namespaces/shop/certificates');
    expect(body).toMatchObject({ kind: 'CertificateList', items: [{ kind: 'Certificate', apiVersion: 'cert-manager.io/v1', metadata: { name: 'shop-tls' } }] });
  });

  it('is read-only: write verbs get a MethodNotAllowed Status', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await fixture.get('/api/v1/namespaces/shop/pods/web-1', { method, body: method === 'DELETE' ? undefined : '{}' });
      expect(response.status, method).toBe(405);
      expect(await response.json()).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    }
    expect((await fixture.get('/api/v1/pods')).status).toBe(200);
  });
});
