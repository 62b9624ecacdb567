import { fitText } from './limits.ts';

export interface PackOptions {
  /** Characters per text (a section's 3000, a field's 2000). */
  max: number;
  /** How many texts (blocks) the content may take. */
  maxChunks?: number;
  /** The note that replaces what did not fit: "… 72 more evidence items". */
  note: (left: number) => string;
  /**
   * Which end matters: 'first' keeps the head (evidence, the first error), 'last' keeps the
   * tail (a timeline's recent events) and puts the note at the top.
   */
  keep?: 'first' | 'last';
}

/**
 * Packs mrkdwn lines (already escaped) into as few texts of at most `max` characters as fit,
 * cutting whole lines rather than mid-line, and saying how many were left out. A single line
 * longer than a text is itself cut with fitText.
 */
export function packLines(lines: readonly string[], options: PackOptions): string[] {
  const keepLast = options.keep === 'last';
  const ordered = keepLast ? [...lines].reverse() : [...lines];
  const maxChunks = Math.max(1, options.maxChunks ?? 1);
  const reserve = options.note(lines.length).length + 1;
  const chunks: string[][] = [];
  let size = 0;
  let placed = 0;
  for (const raw of ordered) {
    const line = fitText(raw, options.max - reserve);
    const current = chunks[chunks.length - 1];
    const fitsCurrent = current !== undefined && size + 1 + line.length <= options.max;
    const isLastChunk = chunks.length === maxChunks;
    // The last chunk keeps room for the note in case a later line does not fit.
    const fitsLast = !isLastChunk || size + 1 + line.length <= options.max - reserve || placed === ordered.length - 1;
    if (fitsCurrent && fitsLast) {
      current.push(line);
      size += 1 + line.length;
    } else if (chunks.length < maxChunks) {
      chunks.push([line]);
      size = line.length;
    } else {
      break;
    }
    placed += 1;
  }
  const left = ordered.length - placed;
  if (left > 0) chunks[chunks.length - 1]!.push(options.note(left));
  const texts = chunks.map((chunk) => (keepLast ? chunk.reverse() : chunk).join('\n'));
  return keepLast ? texts.reverse() : texts;
}
