import type { LogExcerpt } from '../diagnosis.ts';
import type { ContainerLog } from '../facts/facts.ts';
import { findFirstError } from './first-error.ts';
import { logLines } from './log-lines.ts';

// Bounds that keep an answer readable in a terminal and inside a Slack message: a short log
// is shown whole; a long one shows the first error (with two lines of context before it) and
// the last lines, which say what the process did just before it ended.
const WHOLE_LOG_MAX_LINES = 40;
const ERROR_BLOCK_MAX_LINES = 30;
const CONTEXT_BEFORE_ERROR = 2;
const TAIL_LINES = 15;
const TAIL_LINES_WITHOUT_ERROR = 20;
const LINE_MAX_CHARS = 400;

/** The line that stands for lines left out, so nobody reads two pieces of a log as one. */
export function omissionMarker(count: number): string {
  return `… ${count} line${count === 1 ? '' : 's'} omitted …`;
}

/**
 * The telling lines of each container's output. Containers whose previous instance was logged
 * come first (a previous instance exists only because something ended it), and within a
 * container the previous instance comes before the current one.
 */
export function buildLogExcerpts(logs: readonly ContainerLog[]): LogExcerpt[] {
  const withPrevious = new Set(logs.filter((log) => log.previous && log.text.trim()).map((log) => log.container));
  const order = [...new Set(logs.map((log) => log.container))].sort(
    (a, b) => Number(withPrevious.has(b)) - Number(withPrevious.has(a)),
  );
  const excerpts: LogExcerpt[] = [];
  for (const container of order) {
    const ofContainer = logs.filter((log) => log.container === container && log.text.trim());
    ofContainer.sort((a, b) => Number(b.previous) - Number(a.previous));
    for (const log of ofContainer) excerpts.push(excerptOf(log));
  }
  return excerpts;
}

export function excerptOf(log: ContainerLog): LogExcerpt {
  const all = logLines(log.text);
  const error = findFirstError(all);
  const chosen = new Set<number>();
  if (all.length <= WHOLE_LOG_MAX_LINES) {
    all.forEach((_, index) => chosen.add(index));
  } else if (error) {
    for (let i = Math.max(0, error.start - CONTEXT_BEFORE_ERROR); i < error.start; i += 1) chosen.add(i);
    const block = error.end - error.start <= ERROR_BLOCK_MAX_LINES ? range(error.start, error.end) : error.keep;
    block.slice(0, ERROR_BLOCK_MAX_LINES).forEach((index) => chosen.add(index));
    range(all.length - TAIL_LINES, all.length).forEach((index) => chosen.add(index));
  } else {
    range(all.length - TAIL_LINES_WITHOUT_ERROR, all.length).forEach((index) => chosen.add(index));
  }

  const lines: string[] = [];
  let errorAt: number | undefined;
  let previous = -1;
  for (const index of [...chosen].sort((a, b) => a - b)) {
    if (index > previous + 1) lines.push(omissionMarker(index - previous - 1));
    if (error && index === error.start) errorAt = lines.length;
    lines.push(clipLine(all[index]!));
    previous = index;
  }
  const excerpt: LogExcerpt = { container: log.container, previous: log.previous, lines, omitted: all.length - chosen.size };
  if (errorAt !== undefined) excerpt.errorAt = errorAt;
  return excerpt;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, from); i < to; i += 1) out.push(i);
  return out;
}

function clipLine(line: string): string {
  return line.length > LINE_MAX_CHARS ? `${line.slice(0, LINE_MAX_CHARS)}… (${line.length - LINE_MAX_CHARS} more chars)` : line;
}
