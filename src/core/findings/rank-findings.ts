import type { Detector } from '../detectors/detector.ts';
import type { Facts } from '../facts/facts.ts';
import type { Gap } from '../facts/gap.ts';
import type { FindingDraft } from './finding.ts';

export type RankedDraft = FindingDraft & { priority: number };

/**
 * Runs every detector over the same facts and orders what they found, root cause first.
 * `healthy` only stands when nothing else was found. A detector that throws costs its own
 * finding, recorded as a gap, never the answer.
 */
export function rankFindings(detectors: readonly Detector[], facts: Facts, gaps: Gap[]): RankedDraft[] {
  const found: RankedDraft[] = [];
  for (const detector of detectors) {
    try {
      const draft = detector.detect(facts);
      if (draft) found.push({ ...draft, priority: draft.priority ?? detector.priority });
    } catch (error) {
      gaps.push({ what: `run the ${detector.id} check`, code: 'unreadable', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  const ranked = found.sort((a, b) => a.priority - b.priority);
  const problems = ranked.filter((draft) => draft.id !== 'healthy');
  return problems.length > 0 ? problems : ranked;
}
