import type { FindingId } from '../../core/findings/finding-ids.ts';
import { worstFirst, type TriageRow } from '../triage-row.ts';

/** Triage as JSON, version 1 (docs/json-schema.md, docs/triage.schema.json): pods worst first. */
export const TRIAGE_SCHEMA_VERSION = 1;

export interface TriageDocument {
  schemaVersion: typeof TRIAGE_SCHEMA_VERSION;
  kind: 'Triage';
  pods: TriagePodDocument[];
}

export interface TriagePodDocument {
  pod: string;
  namespace: string;
  status: string;
  ready: string | null;
  restarts: number;
  age: string;
  finding: { id: FindingId; title: string } | null;
}

export function toTriageDocument(rows: readonly TriageRow[]): TriageDocument {
  return {
    schemaVersion: TRIAGE_SCHEMA_VERSION,
    kind: 'Triage',
    pods: worstFirst(rows).map((row) => ({
      pod: row.pod,
      namespace: row.namespace,
      status: row.status,
      ready: row.ready ?? null,
      restarts: row.restarts,
      age: row.age,
      finding: row.finding ? { id: row.finding.id, title: row.finding.title } : null,
    })),
  };
}

export function renderTriageJson(rows: readonly TriageRow[]): string {
  return `${JSON.stringify(toTriageDocument(rows), null, 2)}\n`;
}
