// Durations as people read them in an incident ("45s", "12m", "3h12m", "2d4h", the way kubectl
// prints ages), always measured from the diagnosis moment (facts.now), never the wall clock,
// so a snapshot reads the same on any day.

/**
 * An ISO time as milliseconds; undefined when missing, unparsable, or the zero time a runtime
 * reports for a process that never started (containerd's StartError has startedAt 1970-01-01,
 * docker's 0001-01-01).
 */
export function timeOf(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) || at <= 0 ? undefined : at;
}

/** Milliseconds from an ISO time to now; undefined when the time is unknown. */
export function msSince(iso: string | null | undefined, now: Date): number | undefined {
  const at = timeOf(iso);
  return at === undefined ? undefined : now.getTime() - at;
}

/** Milliseconds from one ISO time to another; undefined when either is unknown. */
export function msBetween(from: string | null | undefined, to: string | null | undefined): number | undefined {
  const a = timeOf(from);
  const b = timeOf(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/** "45s", "12m", "3h12m", "2d4h": two units at most. Negative spans read as 0s. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d${hours % 24}h` : `${days}d`;
}

/** "12m ago"; undefined when the time is missing. */
export function agoText(iso: string | null | undefined, now: Date): string | undefined {
  const ms = msSince(iso, now);
  return ms === undefined ? undefined : `${formatDuration(ms)} ago`;
}

/** "2m ago", always a phrase: "at <iso>" when the age cannot be computed or lies in the future. */
export function ago(iso: string | null | undefined, now: Date): string {
  const ms = msSince(iso, now);
  if (ms === undefined) return iso ? `at ${iso}` : 'at an unknown time';
  return ms < 0 ? `at ${iso}` : `${formatDuration(ms)} ago`;
}
