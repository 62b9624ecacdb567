import type { Diagnosis } from '../core/diagnosis.ts';
import { triageUrgency } from '../core/findings/triage-urgency.ts';
import { humanDuration } from '../render/durations.ts';
import type { TriageRow } from '../render/triage-row.ts';

/** One triage line per diagnosis: the pod's status columns and its top finding. */
export function triageRow(diagnosis: Diagnosis): TriageRow {
  const pod = diagnosis.subject.pod;
  const top = diagnosis.findings[0];
  const created = pod?.createdAt ?? undefined;
  const age = created ? humanDuration(Date.parse(diagnosis.generatedAt) - Date.parse(created)) : '-';
  return {
    pod: pod?.name ?? `${diagnosis.subject.workload ? diagnosis.target : diagnosis.subject.name}`,
    namespace: diagnosis.namespace,
    status: pod?.status ?? 'NoPods',
    ready: pod?.ready,
    restarts: pod?.restarts ?? 0,
    age,
    ...(top ? { finding: { id: top.id, title: top.title, priority: triageUrgency(top.id, top.priority) } } : {}),
  };
}
