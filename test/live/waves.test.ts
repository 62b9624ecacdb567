import { expect, it } from 'vitest';
import { productionOptions } from '../../src/app/diagnose-options.ts';
import { diagnose } from '../../src/core/diagnose.ts';
import { startReplayServer } from '../../src/serve/replay-server.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { loadScenario, SHARED_EXAMPLES } from '../support/scenarios.ts';
import { readerFor } from './live-support.ts';

// The live reader adds no round trips of its own: the two event APIs are asked together, so
// reading an object's events costs one wave, and everything the core sends in parallel
// arrives in parallel (counted by the replay server, with latency so a chain shows as one).
it('asks both event APIs in the same wave, and keeps the core\'s parallel reads parallel', async () => {
  const scenario = loadScenario(`${SHARED_EXAMPLES}/04-crashloop-go-panic-stork.json`);
  const api = await startReplayServer({ snapshot: scenario, latencyMs: 25 });
  try {
    const app = productionOptions();
    if (!app.ok) throw new Error(app.error);
    await diagnose(readerFor(api.url), scenario.ask!, { ...app.options, now: new SnapshotReader(scenario, 'snapshot').capturedAt });
    const { log, waves, requests } = api.traffic();
    // Each object's events: the core/v1 read and the events.k8s.io/v1 read share one wave.
    const subjectWaves = new Map<string, Set<number>>();
    for (const request of log.filter((r) => r.path.endsWith('/events'))) {
      const selector = new URLSearchParams(request.query).get('fieldSelector') ?? '';
      const subject = selector.replace(/\b(involvedObject|regarding)\./g, '');
      subjectWaves.set(subject, (subjectWaves.get(subject) ?? new Set()).add(request.wave));
    }
    expect(subjectWaves.size).toBeGreaterThanOrEqual(3);
    for (const [subject, inWaves] of subjectWaves) expect([...inWaves], subject).toHaveLength(1);
    // Pod first, then its events, node, logs, owner and policy together: most requests share a wave.
    expect(log.filter((r) => r.wave === 2).length).toBeGreaterThanOrEqual(8);
    expect(waves).toBeLessThan(requests / 3);
  } finally {
    await api.close();
  }
});
