import type { Facts } from '../facts/facts.ts';
import type { FindingDraft } from '../findings/finding.ts';
import type { FindingId } from '../findings/finding-ids.ts';

/**
 * One failure mode. A detector reads the gathered facts and either concludes, citing its
 * evidence, or returns undefined. It never reads the cluster and never guesses: no evidence,
 * no finding.
 */
export interface Detector {
  readonly id: FindingId;
  /** Root cause before symptom: lower priorities are read first (see registry.ts for the bands). */
  readonly priority: number;
  detect(facts: Facts): FindingDraft | undefined;
}
