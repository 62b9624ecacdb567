import { afterAll, describe, expect, it } from 'vitest';
import { productionOptions } from '../../src/app/diagnose-options.ts';
import { diagnose } from '../../src/core/diagnose.ts';
import type { Diagnosis } from '../../src/core/diagnosis.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { loadScenario, OWN_SCENARIOS, SHARED_EXAMPLES, scenarioFiles } from '../support/scenarios.ts';
import { readerFor } from './live-support.ts';
import { startReplayServer, type ReplayServer } from '../../src/serve/replay-server.ts';

// The live reader must be invisible to the diagnosis: every scenario served over HTTP by the
// replay API server (k8s-why serve) and read back through client-node answers exactly as the
// snapshot file read directly does. Pages are kept small so every list really pages with
// limit/continue.
const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES)];
const servers: ReplayServer[] = [];
afterAll(async () => Promise.all(servers.map((server) => server.close())));

const asSet = (items: readonly unknown[]) => items.map((item) => JSON.stringify(item)).sort();

/**
 * Everything but the source line. Events with the same time keep the order their reader
 * listed them in (the API server lists by name, a snapshot in file order), so the timeline and
 * each finding's evidence are compared as sets; the findings themselves in order.
 */
function comparable(diagnosis: Diagnosis) {
  const { source: _source, timeline, findings, ...rest } = diagnosis;
  return { ...rest, timeline: asSet(timeline), findings: findings.map((finding) => ({ ...finding, evidence: asSet(finding.evidence) })) };
}

describe('every scenario through the API server and the live reader', () => {
  it('has scenarios', () => expect(files.length).toBeGreaterThan(8));

  for (const file of files) {
    it(file.split('/').pop()!, async () => {
      const scenario = loadScenario(file);
      const app = productionOptions();
      if (!app.ok) throw new Error(app.error);
      const direct = new SnapshotReader(scenario, 'snapshot');
      // A live reader has no clock of its own; the diagnosis is pinned to the snapshot's moment.
      const options = { ...app.options, now: direct.capturedAt };
      const api = await startReplayServer({ snapshot: scenario });
      servers.push(api);

      const expected = await diagnose(direct, scenario.ask!, options);
      const actual = await diagnose(readerFor(api.url, { pageSize: 2 }), scenario.ask!, options);

      expect(actual.ok && actual.diagnosis.gaps).toEqual([]);
      expect(actual.ok && actual.diagnosis.findings.map((f) => f.id)).toEqual(expected.ok && expected.diagnosis.findings.map((f) => f.id));
      expect(actual.ok && comparable(actual.diagnosis)).toEqual(expected.ok && comparable(expected.diagnosis));
    });
  }
});
