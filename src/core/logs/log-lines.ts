// Container output as lines a person can read: no carriage returns, no terminal colour codes
// (many programs colour their logs even when nobody watches), no trailing empty line.

const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function logLines(text: string): string[] {
  const lines = text.replace(ANSI_ESCAPE, '').split(/\r?\n/).map((line) => line.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}
