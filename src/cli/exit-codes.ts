/** What scripts and CI jobs branch on. */
export const EXIT = {
  /** Nothing wrong. */
  healthy: 0,
  /** A finding other than healthy (or a target that does not exist). */
  found: 1,
  /** The command line was wrong; the message says what to type instead. */
  usage: 2,
  /** The cluster or snapshot could not be read. */
  unreadable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
