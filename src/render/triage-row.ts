import type { FindingId } from '../core/findings/finding-ids.ts';

/** One pod in a triage list: what `k8s-why triage -n shop` draws, one line per pod. */
export interface TriageRow {
  pod: string;
  namespace: string;
  /** kubectl's STATUS column: Running, CrashLoopBackOff, Pending ... */
  status: string;
  /** kubectl's READY column ("0/1"), when known. */
  ready?: string;
  restarts: number;
  /** As kubectl's AGE column shows it ("3h", "5d2h"): see humanDuration in durations.ts. */
  age: string;
  /** The pod's top finding; undefined when no known failure mode matched. */
  finding?: { id: FindingId; title: string; priority?: number };
}

/** How much a row needs attention: a finding other than healthy, then no match, then healthy. */
function severityRank(row: TriageRow): number {
  if (!row.finding) return 1;
  return row.finding.id === 'healthy' ? 2 : 0;
}

/**
 * Worst first: failing pods (root causes, i.e. lower priorities, before symptoms), then pods
 * no detector explained (someone must look at them by hand), then healthy ones; within that,
 * more restarts first, then by name so the order is stable from one run to the next.
 */
export function worstFirst(rows: readonly TriageRow[]): TriageRow[] {
  return [...rows].sort(
    (a, b) =>
      severityRank(a) - severityRank(b) ||
      (a.finding?.priority ?? Number.MAX_SAFE_INTEGER) - (b.finding?.priority ?? Number.MAX_SAFE_INTEGER) ||
      b.restarts - a.restarts ||
      a.namespace.localeCompare(b.namespace) ||
      a.pod.localeCompare(b.pod),
  );
}

export function needsAttention(row: TriageRow): boolean {
  return severityRank(row) < 2;
}

/** "3 of 12 pods need attention" / "all 12 pods look healthy". */
export function triageSummary(rows: readonly TriageRow[]): string {
  const failing = rows.filter(needsAttention).length;
  if (rows.length === 0) return 'no pods found';
  if (failing === 0) return `all ${rows.length} pod${rows.length === 1 ? '' : 's'} look healthy`;
  return `${failing} of ${rows.length} pod${rows.length === 1 ? '' : 's'} need${failing === 1 ? 's' : ''} attention`;
}
