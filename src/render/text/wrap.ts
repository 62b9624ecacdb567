/**
 * Word-wraps prose to a terminal width with an indent, so explanations read as paragraphs.
 * Words longer than the line (URLs, image references) are left whole: breaking them would make
 * them impossible to copy. Commands and log lines are never passed through here for that reason.
 */
export function wrap(text: string, width: number, indent: string, hangingIndent = indent): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let prefix = lines.length === 0 ? indent : hangingIndent;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && prefix.length + candidate.length > width) {
        lines.push(prefix + line);
        prefix = hangingIndent;
        line = word;
      } else {
        line = candidate;
      }
    }
    lines.push(line ? prefix + line : '');
  }
  return lines;
}
