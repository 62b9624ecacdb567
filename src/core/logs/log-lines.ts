// Container output as lines a person can read: no carriage returns, no terminal colour codes
// (many programs colour their logs even when nobody watches), no trailing empty line.

const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function logLines(text: string): string[] {
  const lines = text.replace(ANSI_ESCAPE, '').split(/\r?\n/).map((line) => line.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}

/**
 * A program's last words, for when it exits non-zero without a level or a stack trace: Go's
 * log.Fatal ("2021/03/04 23:22:07 errors parsing config:" then a tab-indented cause), a CLI's
 * plain message. Indented continuation lines are joined to the line they continue.
 */
export function lastStatement(lines: readonly string[]): string | undefined {
  const filled = lines.filter((line) => line.trim());
  let end = filled.length - 1;
  if (end < 0) return undefined;
  const parts = [filled[end]!];
  while (end > 0 && parts.length < 4 && /^\s/.test(filled[end]!)) {
    end -= 1;
    parts.unshift(filled[end]!);
  }
  return parts.map((part) => part.trim()).join(' ');
}

/** Keeps the end of a long line, where error chains put the cause ("a: b: c: root cause"). */
export function clipStart(text: string, max = 160): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `…${oneLine.slice(oneLine.length - max + 1)}` : oneLine;
}
