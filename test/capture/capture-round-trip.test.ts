import { afterAll, describe, expect, it } from 'vitest';
import { productionOptions } from '../../src/app/diagnose-options.ts';
import { captureIncident } from '../../src/capture/capture-incident.ts';
import { diagnose } from '../../src/core/diagnose.ts';
import { startReplayServer, type ReplayServer } from '../../src/serve/replay-server.ts';
import { parseSnapshot } from '../../src/snapshot/snapshot.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { readerFor } from '../live/live-support.ts';
import { loadScenario, OWN_SCENARIOS, SHARED_EXAMPLES, scenarioFiles } from '../support/scenarios.ts';

// capture -> replay: what a diagnosis read from a live cluster (here: every scenario served
// over HTTP and read through the live reader), written out as a snapshot, must diagnose the
// same when replayed from the file, with no gaps: nothing the diagnosis needed was left out.
const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES)];
const servers: ReplayServer[] = [];
afterAll(async () => Promise.all(servers.map((server) => server.close())));

describe('capture round-trips to the same findings', () => {
  for (const file of files) {
    it(file.split('/').pop()!, async () => {
      const scenario = loadScenario(file);
      const app = productionOptions();
      if (!app.ok) throw new Error(app.error);
      const now = new SnapshotReader(scenario, 'snapshot').capturedAt!;
      const server = await startReplayServer({ snapshot: scenario });
      servers.push(server);

      const captured = await captureIncident(readerFor(server.url), scenario.ask!, app.options, now);
      if (!captured.ok) throw new Error(captured.error);
      // The file as written must be a valid snapshot on its own.
      const reparsed = parseSnapshot(JSON.parse(JSON.stringify(captured.snapshot)));
      if (!reparsed.ok) throw new Error(reparsed.problems.join('; '));
      const replayed = await diagnose(new SnapshotReader(reparsed.snapshot, 'replay'), scenario.ask!, { ...app.options, now });

      expect(replayed.ok && replayed.diagnosis.gaps).toEqual([]);
      expect(replayed.ok && replayed.diagnosis.findings.map((f) => [f.id, f.title])).toEqual(captured.diagnosis.findings.map((f) => [f.id, f.title]));
      expect(reparsed.snapshot.expect?.finding).toBe(captured.diagnosis.findings[0]?.id);
    });
  }
});
