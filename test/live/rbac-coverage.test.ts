import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionOptions } from '../../src/app/diagnose-options.ts';
import { diagnose, type DiagnoseOptions } from '../../src/core/diagnose.ts';
import { readPodLogs } from '../../src/core/read-pod-logs.ts';
import { triage } from '../../src/core/triage.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { loadScenario, OWN_SCENARIOS, REPO_ROOT, SHARED_EXAMPLES, scenarioFiles } from '../support/scenarios.ts';
import { readerFor } from './live-support.ts';
import { startReplayServer } from '../../src/serve/replay-server.ts';
import { attributeKey, rbacAttributes, type RbacAttributes } from './rbac-requests.ts';

// infra/k8s/rbac.yaml must grant exactly what the live reader uses: every request it makes,
// over every scenario and every command (why on the asked target and on each workload, logs,
// triage of the cluster), as the replay API server saw it, is allowed, and
// every permission granted is used.

const SHORT: Record<string, string> = { Deployment: 'deploy', StatefulSet: 'sts', DaemonSet: 'ds', Job: 'job', CronJob: 'cronjob', ReplicaSet: 'rs' };
const used = new Map<string, RbacAttributes>();

async function replayEveryCommand(file: string, options: DiagnoseOptions): Promise<void> {
  const scenario = loadScenario(file);
  const api = await startReplayServer({ snapshot: scenario });
  try {
    const reader = readerFor(api.url);
    const now = options.now ?? new Date();
    const ask = scenario.ask!;
    await diagnose(reader, ask, options);
    // One workload of each kind per scenario: RBAC tells requests apart by kind, not by name.
    for (const [kind, short] of Object.entries(SHORT)) {
      const workload = scenario.objects.find((object) => object.kind === kind && object.metadata.name);
      if (workload) await diagnose(reader, { target: `${short}/${workload.metadata.name}`, namespace: workload.metadata.namespace ?? 'default' }, options);
    }
    for (const previous of [false, true]) await readPodLogs(reader, { ...ask, previous }, (text) => text, now);
    await triage(reader, {}, options);
    for (const request of api.traffic().log) {
      const attributes = rbacAttributes({ method: request.method, path: request.path, query: new URLSearchParams(request.query) });
      used.set(attributeKey(attributes), attributes);
    }
  } finally {
    await api.close();
  }
}

beforeAll(async () => {
  const app = productionOptions();
  if (!app.ok) throw new Error(app.error);
  const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES)];
  // A few scenarios at a time: each waits mostly on its own loopback round trips.
  for (let index = 0; index < files.length; index += 4) {
    await Promise.all(
      files.slice(index, index + 4).map((file) => replayEveryCommand(file, { ...app.options, now: new SnapshotReader(loadScenario(file), 'snapshot').capturedAt })),
    );
  }
}, 120_000);

interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const documents = parseAllDocuments(readFileSync(join(REPO_ROOT, 'infra/k8s/rbac.yaml'), 'utf8')).map((doc) => doc.toJS() as { kind: string; metadata: { name: string }; rules?: Rule[]; roleRef?: { kind: string; name: string }; subjects?: { kind: string; name: string }[] });
const role = documents.find((doc) => doc.kind === 'ClusterRole')!;
const granted = (role?.rules ?? []).flatMap((rule) =>
  (rule.apiGroups ?? []).flatMap((group) => (rule.resources ?? []).flatMap((resource) => (rule.verbs ?? []).map((verb) => ({ verb, group, resource })))),
);
const allows = (a: RbacAttributes) => granted.some((g) => g.verb === a.verb && g.group === a.group && g.resource === a.resource);

describe('infra/k8s/rbac.yaml', () => {
  it('is a read-only ClusterRole bound to the group k8s-why:readers', () => {
    expect(role?.metadata.name).toBe('k8s-why-reader');
    const binding = documents.find((doc) => doc.kind === 'ClusterRoleBinding');
    expect(binding?.roleRef).toMatchObject({ kind: 'ClusterRole', name: 'k8s-why-reader' });
    expect(binding?.subjects).toContainEqual(expect.objectContaining({ kind: 'Group', name: 'k8s-why:readers' }));
  });

  it('grants no write verb, no wildcard, no secrets, no exec, attach or port-forward', () => {
    const verbs = new Set(granted.map((g) => g.verb));
    expect([...verbs].filter((verb) => verb !== 'get' && verb !== 'list')).toEqual([]);
    expect(granted.filter((g) => g.verb === '*' || g.group === '*' || g.resource.includes('*'))).toEqual([]);
    expect(granted.filter((g) => /^secrets|\/(exec|attach|portforward|proxy)$/.test(g.resource))).toEqual([]);
    expect(role.rules?.some((rule) => rule.nonResourceURLs || rule.resourceNames)).toBe(false);
  });

  it('allows every request the live reader makes', () => {
    expect(used.size).toBeGreaterThan(10);
    expect([...used.values()].filter((a) => !allows(a)).map(attributeKey)).toEqual([]);
  });

  it('allows nothing the live reader does not use', () => {
    expect(granted.map((g) => attributeKey(g)).filter((key) => !used.has(key))).toEqual([]);
  });
});

afterAll(() => used.clear());
