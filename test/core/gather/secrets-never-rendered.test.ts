import { describe, expect, it } from 'vitest';
import { productionOptions } from '../../../src/app/diagnose-options.ts';
import { diagnose } from '../../../src/core/diagnose.ts';
import { renderDiagnosis, FORMATS } from '../../../src/cli/output-format.ts';
import { SnapshotReader } from '../../../src/snapshot/snapshot-reader.ts';
import { coreEvent, crashingPod } from '../../support/objects.ts';

const PASSWORD = 'hunter2-Sup3rS3cret';
const TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJrOHMtd2h5In0.c2lnbmF0dXJlLXNlY3JldA';

describe('secrets never reach an answer', () => {
  it('masks them in events, termination messages and logs, in every output format', async () => {
    const pod = crashingPod('api-1');
    pod.status!.containerStatuses![0]!.lastState!.terminated!.message = `FATAL: password authentication failed: postgres://app:${PASSWORD}@db:5432/shop`;
    const reader = new SnapshotReader(
      {
        objects: [
          pod,
          coreEvent('api-1', 'Unhealthy', `Liveness probe failed: Get "http://10.0.0.7:8080/healthz?token=${TOKEN}": context deadline exceeded`),
          coreEvent('api-1', 'BackOff', 'Back-off restarting failed container app'),
        ] as never,
        logs: [{ namespace: 'shop', pod: 'api-1', container: 'app', previous: true, text: `connecting with Authorization: Bearer ${TOKEN}\npanic: DB_PASSWORD=${PASSWORD} rejected\n` }],
      },
      'snapshot test',
    );
    const app = productionOptions();
    if (!app.ok) throw new Error(app.error);
    const result = await diagnose(reader, { target: 'api-1', namespace: 'shop' }, { ...app.options, now: new Date('2026-11-21T12:00:00Z') });
    if (!result.ok) throw new Error(result.error);
    for (const format of FORMATS) {
      const output = renderDiagnosis(result.diagnosis, format, { color: false, invocation: 'k8s-why' });
      expect(output, format).not.toContain(PASSWORD);
      expect(output, format).not.toContain(TOKEN);
    }
    // The answer still shows what happened around the masked values.
    const text = renderDiagnosis(result.diagnosis, 'text', { color: false, invocation: 'k8s-why' });
    expect(text).toContain('Liveness probe failed');
  });
});
