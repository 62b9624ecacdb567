/** The terminal as the CLI sees it, passed in so tests drive the real CLI without a process. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}
