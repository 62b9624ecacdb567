import { diagnose, type DiagnoseOptions, type DiagnoseRequest } from '../core/diagnose.ts';
import type { Diagnosis } from '../core/diagnosis.ts';
import type { ClusterReader } from '../core/reader/cluster-reader.ts';
import { redactText } from '../core/redaction/redact-text.ts';
import type { Snapshot } from '../snapshot/snapshot.ts';
import { RecordingReader } from './recording-reader.ts';
import { sanitiseObject } from './sanitise-object.ts';

export type CaptureResult = { ok: true; snapshot: Snapshot; diagnosis: Diagnosis } | { ok: false; error: string };

/**
 * Diagnoses once, recording every read, and returns what was read as a snapshot: replayable
 * with --snapshot or `serve`, fit to attach to a postmortem, and a regression test as it stands
 * (ask and expect are filled in from this diagnosis; edit expect.mentions to taste).
 */
export async function captureIncident(reader: ClusterReader, request: DiagnoseRequest, options: DiagnoseOptions, now: Date): Promise<CaptureResult> {
  const recording = new RecordingReader(reader);
  const result = await diagnose(recording, request, { ...options, now });
  if (!result.ok) return result;
  const { objects, logs } = recording.recorded();
  const top = result.diagnosis.findings[0];
  const snapshot: Snapshot = {
    description: `Captured by k8s-why from ${reader.source}: ${top ? `${top.id}: ${top.title}` : 'no known failure mode matched'}`,
    source: `k8s-why capture ${request.target} -n ${request.namespace} (${reader.source})`,
    capturedAt: now.toISOString(),
    ask: { namespace: request.namespace, target: request.target },
    ...(top ? { expect: { finding: top.id, mentions: [] } } : {}),
    objects: objects.map(sanitiseObject) as Snapshot['objects'],
    logs: logs.map((log) => ({ ...log, text: redactText(log.text) })),
  };
  return { ok: true, snapshot, diagnosis: result.diagnosis };
}
