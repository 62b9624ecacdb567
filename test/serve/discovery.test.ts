import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFixture } from './replay-fixture.ts';

let fixture: Awaited<ReturnType<typeof serveFixture>>;
beforeAll(async () => {
  fixture = await serveFixture();
});
afterAll(() => fixture.server.close());

describe('replay server discovery', () => {
  it('reports the version of the newest kubelet as the cluster version', async () => {
    const { body } = await fixture.json('/version');
    expect(body).toMatchObject({ major: '1', minor: '30', gitVersion: 'v1.30.4' });
  });

  it('lists core resources with read verbs, short names, and pods/log for kubectl logs', async () => {
    const { body } = await fixture.json('/api/v1');
    expect(body.kind).toBe('APIResourceList');
    const byName = Object.fromEntries((body.resources as any[]).map((r) => [r.name, r]));
    expect(byName.pods).toMatchObject({ kind: 'Pod', namespaced: true, verbs: ['get', 'list'], shortNames: ['po'], categories: ['all'] });
    expect(byName['pods/log']).toMatchObject({ kind: 'Pod', verbs: ['get'] });
    expect(byName.nodes).toMatchObject({ namespaced: false, shortNames: ['no'] });
    for (const [name, short] of [['events', 'ev'], ['persistentvolumeclaims', 'pvc'], ['persistentvolumes', 'pv'], ['configmaps', 'cm'], ['resourcequotas', 'quota'], ['limitranges', 'limits'], ['namespaces', 'ns']]) {
      expect(byName[name!]?.shortNames, name).toContain(short);
    }
    expect(byName.secrets.verbs).toEqual(['get', 'list']);
  });

  it('lists the API groups a diagnosis reads, and the groups of custom resources in the snapshot', async () => {
    const { body } = await fixture.json('/apis');
    expect(body.kind).toBe('APIGroupList');
    const versions = (body.groups as any[]).map((g) => g.preferredVersion.groupVersion);
    expect(versions).toEqual(expect.arrayContaining(['apps/v1', 'batch/v1', 'events.k8s.io/v1', 'storage.k8s.io/v1', 'cert-manager.io/v1']));
    const certs = await fixture.json('/apis/cert-manager.io/v1');
    expect(certs.body.resources).toEqual([expect.objectContaining({ name: 'certificates', kind: 'Certificate', namespaced: true })]);
    expect((await fixture.json('/apis/apps')).body).toMatchObject({ kind: 'APIGroup', name: 'apps' });
  });

  it('answers the core group list and plain discovery even when aggregated discovery is preferred', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const response = await fixture.get('/api', { headers: { Accept: accept } });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
  });

  it('answers health probes as an API server does, and other paths outside the API with a plain 404', async () => {
    for (const path of ['/healthz', '/livez', '/readyz']) expect(await (await fixture.get(path)).text(), path).toBe('ok');
    const other = await fixture.get('/metrics');
    expect([other.status, await other.text()]).toEqual([404, '404 page not found\n']);
  });

  it('answers unknown groups and resources with a NotFound Status', async () => {
    for (const path of ['/apis/monitoring.coreos.com/v1', '/api/v1/widgets', '/apis/apps/v1/namespaces/shop/widgets/x']) {
      const { status, body } = await fixture.json(path);
      expect(status, path).toBe(404);
      expect(body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
    }
  });
});
