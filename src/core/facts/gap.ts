import type { ReadFailureCode } from '../reader/cluster-reader.ts';

/** A fact that could not be read. The answer still comes, and says what it is missing. */
export interface Gap {
  /** The read, in RBAC terms: "list events in shop", "get pods/log api-1 (previous)". */
  what: string;
  code: ReadFailureCode;
  detail: string;
}
