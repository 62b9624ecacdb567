import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/core/kube/types.ts';
import { groupVersionOf } from '../../src/serve/api-resources.ts';
import { startReplayServer, type ReplayServer } from '../../src/serve/replay-server.ts';
import { loadScenario, OWN_SCENARIOS, REPO_ROOT, scenarioFiles, SHARED_EXAMPLES } from '../support/scenarios.ts';

// Whatever a snapshot holds, a client of the replay server can read all of it back: every
// object at its own path and in its list, every log at its container. This is what lets the
// live reader, pointed at `serve`, reach the same findings as the snapshot reader.

const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES), join(REPO_ROOT, 'demo/shop.json')];
const servers: ReplayServer[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

describe.each(files.map((file) => [file.slice(REPO_ROOT.length - 4), file]))('%s through the replay server', (_name, file) => {
  it('serves every object at its path and in its list, and every log', async () => {
    const snapshot = loadScenario(file);
    const server = await startReplayServer({ snapshot });
    servers.push(server);
    const lists = new Map<string, Set<string>>();
    for (const object of snapshot.objects as KubeObject[]) {
      // Events of either API are read here through core/v1; every other kind has one resource.
      const resource = server.store.resources.find((r) => r.kind === object.kind && !(r.kind === 'Event' && r.group))!;
      const base = `${server.url}${resource.group ? '/apis' : '/api'}/${groupVersionOf(resource)}`;
      const namespace = resource.namespaced ? `/namespaces/${object.metadata.namespace ?? 'default'}` : '';
      const path = `${base}${namespace}/${resource.plural}`;
      const one = await getJson(`${path}/${encodeURIComponent(object.metadata.name!)}`);
      expect(one.status, `${object.kind} ${object.metadata.name}`).toBe(200);
      expect(one.body.metadata.uid ?? null).toBe(object.metadata.uid ?? null);
      if (!lists.has(path)) lists.set(path, new Set(((await getJson(path)).body.items as KubeObject[]).map((item) => item.metadata.name!)));
      expect(lists.get(path)!.has(object.metadata.name!), `${object.metadata.name} in ${path}`).toBe(true);
    }
    for (const log of snapshot.logs) {
      const query = new URLSearchParams({ container: log.container, previous: String(log.previous) });
      const response = await fetch(`${server.url}/api/v1/namespaces/${log.namespace}/pods/${log.pod}/log?${query}`);
      expect(response.status, `${log.pod}/${log.container} previous=${log.previous}`).toBe(200);
      expect(await response.text()).toBe(log.text);
    }
  });
});
