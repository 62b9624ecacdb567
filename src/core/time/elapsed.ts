// "How long ago" in the short form kubectl prints (45s, 12m, 3h12m, 2d4h), always measured
// from the diagnosis moment (facts.now) so a snapshot reads the same on any day.

/** Formats a span in milliseconds: "45s", "12m", "3h12m", "2d4h". Negative spans read as 0s. */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d${hours % 24}h` : `${days}d`;
}

/** Milliseconds from an ISO time to now; undefined when the time is missing or unreadable. */
export function msSince(iso: string | null | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : now.getTime() - at;
}

/** "12m ago" from an ISO time; undefined when the time is missing. */
export function agoText(iso: string | null | undefined, now: Date): string | undefined {
  const ms = msSince(iso, now);
  return ms === undefined ? undefined : `${formatSpan(ms)} ago`;
}
