import type { Gap } from '../facts/gap.ts';
import { ReadFailure } from '../reader/cluster-reader.ts';

/**
 * Runs one read and turns its failure into a recorded gap and a fallback value, so one
 * forbidden or slow call costs the answer one fact, never the whole answer.
 */
export function gapRecorder(gaps: Gap[]) {
  return async function readOrGap<T>(what: string, read: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await read();
    } catch (error) {
      gaps.push(toGap(what, error));
      return fallback;
    }
  };
}

export function toGap(what: string, error: unknown): Gap {
  if (error instanceof ReadFailure) return { what: error.what || what, code: error.code, detail: firstLine(error.message) };
  return { what, code: 'unreadable', detail: firstLine(error instanceof Error ? error.message : String(error)) };
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}
