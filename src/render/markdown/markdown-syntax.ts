/**
 * Markdown that survives arbitrary cluster text: pod names with underscores, messages with
 * angle brackets or pipes, logs that contain backticks. Without this a message like
 * "<none>" vanishes as an HTML tag and a "|" breaks the events table.
 */
export function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]#|~]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** A table cell: inline text with the row kept on one line. */
export function tableCell(text: string): string {
  return escapeInline(text.trim()) || ' ';
}

/** A code span inside a table cell: GFM splits cells on "|" even inside code, unless escaped. */
export function tableCode(text: string): string {
  return codeSpan(text).replace(/\|/g, '\\|');
}

/** `code`, with a fence longer than any backtick run inside it (CommonMark's rule). */
export function codeSpan(text: string): string {
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}

/** A fenced block that a log full of ``` cannot close early. */
export function codeBlock(lines: readonly string[], info = ''): string[] {
  const fence = '`'.repeat(Math.max(3, longestRun(lines.join('\n'), '`') + 1));
  return [`${fence}${info}`, ...lines, fence];
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** [title](url), or the bare URL in angle brackets when there is no title. */
export function link(url: string, title?: string): string {
  const target = url.replace(/[()\s]/g, encodeURIComponent);
  return title ? `[${escapeInline(title)}](${target})` : `<${target}>`;
}
