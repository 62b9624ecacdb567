import { afterEach, describe, expect, it } from 'vitest';
import { productionOptions } from '../../src/app/diagnose-options.ts';
import { diagnose } from '../../src/core/diagnose.ts';
import type { Diagnosis } from '../../src/core/diagnosis.ts';
import { renderText } from '../../src/render/text/render-text.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { loadScenario, SHARED_EXAMPLES } from '../support/scenarios.ts';
import { readerFor } from './live-support.ts';
import type { Fault } from '../../src/serve/faults.ts';
import { startReplayServer, type ReplayServer } from '../../src/serve/replay-server.ts';

// A real incident is when the API server is least helpful. With logs forbidden, events
// failing and one call hanging (faults injected by the replay API server), the answer must
// still come within the budget, show what could be read, and say exactly what could not.
const scenario = loadScenario(`${SHARED_EXAMPLES}/04-crashloop-go-panic-stork.json`);
const pod = scenario.ask!.target;
const node = (scenario.objects.find((o) => o.kind === 'Pod') as unknown as { spec: { nodeName: string } }).spec.nodeName;

let api: ReplayServer | undefined;
afterEach(async () => api?.close());

async function diagnoseWith(faults: Fault[], limits: { requestTimeoutMs: number; budgetMs: number }) {
  api = await startReplayServer({ snapshot: scenario, faults });
  const app = productionOptions();
  if (!app.ok) throw new Error(app.error);
  const now = new SnapshotReader(scenario, 'snapshot').capturedAt;
  const started = Date.now();
  const result = await diagnose(readerFor(api.url, limits), scenario.ask!, { ...app.options, now });
  if (!result.ok) throw new Error(result.error);
  return { diagnosis: result.diagnosis, elapsed: Date.now() - started };
}

const gapsOf = (diagnosis: Diagnosis) => Object.fromEntries(diagnosis.gaps.map((gap) => [gap.what, gap.code]));

describe('faults: the answer arrives within the budget and names what it could not read', () => {
  it('403 on logs, 500 on events, a 5 s stall on the node', async () => {
    const { diagnosis, elapsed } = await diagnoseWith(
      [
        { path: '**/log', status: 403 },
        { path: '**/events', status: 500 },
        { path: `/api/v1/nodes/${node}`, stallMs: 5_000 },
      ],
      { requestTimeoutMs: 1_000, budgetMs: 4_000 },
    );
    expect(elapsed).toBeLessThan(4_000);
    expect(gapsOf(diagnosis)).toMatchObject({
      [`get pods/log ${pod} in kube-system`]: 'forbidden',
      'list events in kube-system': 'unavailable',
      [`get nodes ${node}`]: 'timeout',
    });
    // What could be read still answers: the pod's status says it is crash-looping.
    expect(diagnosis.findings[0]?.id).toBe('crash-loop');
    const text = renderText(diagnosis, { color: false });
    expect(text).toContain(`could not read: get pods/log ${pod} in kube-system (forbidden)`);
    expect(text).toContain('infra/k8s/rbac.yaml');
  });

  it('a 5 s stall longer than the whole budget costs that read, not the answer', async () => {
    const { diagnosis, elapsed } = await diagnoseWith(
      [{ path: '**/log', stallMs: 5_000 }],
      { requestTimeoutMs: 10_000, budgetMs: 1_500 },
    );
    expect(elapsed).toBeLessThan(2_500);
    expect(gapsOf(diagnosis)).toEqual({ [`get pods/log ${pod} in kube-system`]: 'timeout' });
    expect(diagnosis.gaps[0]?.detail).toContain('the 1.5s budget for this answer ran out');
    expect(diagnosis.findings[0]?.id).toBe('crash-loop');
  });
});
