import { needsAttention, triageSummary, worstFirst, type TriageRow } from '../triage-row.ts';
import { palette, terminalSafe, type Palette } from './ansi.ts';

export interface TriageTextOptions {
  color: boolean;
  /** Terminal columns: the finding column is cut to fit so each pod stays on one line. */
  width?: number;
}

/**
 * One line per pod, worst first, under a kubectl-style header. The NAMESPACE column appears
 * only when the rows span several namespaces, as with `kubectl get pods -A`.
 */
export function renderTriageText(rows: readonly TriageRow[], options: TriageTextOptions): string {
  const p = palette(options.color);
  const sorted = worstFirst(rows);
  const withNamespace = new Set(rows.map((row) => row.namespace)).size > 1;
  const columns: string[][] = [
    [...(withNamespace ? ['NAMESPACE'] : []), 'POD', 'STATUS', 'READY', 'RESTARTS', 'AGE'],
    ...sorted.map((row) => [
      ...(withNamespace ? [row.namespace] : []),
      row.pod,
      row.status,
      row.ready ?? '-',
      String(row.restarts),
      row.age,
    ]),
  ].map((cells) => cells.map(terminalSafe));
  const widths = columns[0]!.map((_, index) => Math.max(...columns.map((cells) => cells[index]!.length)));
  const statusColumn = withNamespace ? 2 : 1;
  const fixedWidth = widths.reduce((sum, width) => sum + width + 3, 0);
  const room = options.width ? Math.max(10, options.width - fixedWidth) : undefined;
  const lines = columns.map((cells, index) => {
    const row = sorted[index - 1];
    const padded = cells.map((cell, column) => {
      const text = cell.padEnd(widths[column]!);
      return row && column === statusColumn ? paint(p, row, text) : text;
    });
    const line = `${padded.join('   ')}   ${cut(row ? findingCell(row) : 'FINDING', room)}`;
    return row ? line : p.bold(line);
  });
  lines.push('', p.dim(triageSummary(rows)));
  return `${lines.join('\n')}\n`;
}

function findingCell(row: TriageRow): string {
  if (!row.finding) return 'no known failure mode matched';
  return terminalSafe(row.finding.id === 'healthy' ? 'healthy' : `${row.finding.id}: ${row.finding.title}`);
}

function cut(text: string, room: number | undefined): string {
  if (room === undefined || text.length <= room) return text;
  return `${text.slice(0, room - 1)}…`;
}

function paint(p: Palette, row: TriageRow, line: string): string {
  if (!needsAttention(row)) return p.green(line);
  return row.finding ? p.red(line) : p.yellow(line);
}
