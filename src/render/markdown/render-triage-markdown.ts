import { triageSummary, worstFirst, type TriageRow } from '../triage-row.ts';
import { tableCell, tableCode } from './markdown-syntax.ts';

/** Triage as a Markdown table for an incident doc: one row per pod, worst first. */
export function renderTriageMarkdown(rows: readonly TriageRow[]): string {
  const lines = [
    `${tableCell(triageSummary(rows))}.`,
    '',
    '| Namespace | Pod | Status | Ready | Restarts | Age | Finding |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...worstFirst(rows).map((row) => {
      const finding = row.finding ? `${tableCode(row.finding.id)} ${tableCell(row.finding.title)}` : 'no known failure mode matched';
      return `| ${tableCell(row.namespace)} | ${tableCode(row.pod)} | ${tableCell(row.status)} | ${tableCell(row.ready ?? '-')} | ${row.restarts} | ${tableCell(row.age)} | ${finding} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
