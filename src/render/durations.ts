import type { TimelineEvent } from '../core/events/timeline.ts';

/**
 * Durations the way kubectl prints them (apimachinery's duration.HumanDuration), so the age
 * and "2m ago" in our answers read like the AGE column an on-call engineer already knows.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const rest = seconds % 60;
    return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const rest = hours % 24;
    return rest === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${rest}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 365 * 8) {
    const rest = days % 365;
    return rest === 0 ? `${Math.floor(days / 365)}y` : `${Math.floor(days / 365)}y${rest}d`;
  }
  return `${Math.floor(days / 365)}y`;
}

function parse(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

/** Time from `since` to `now` as kubectl's AGE column shows it; undefined when a time is missing. */
export function age(since: string | undefined, now: string): string | undefined {
  const start = parse(since);
  const end = parse(now);
  if (start === undefined || end === undefined) return undefined;
  return humanDuration(end - start);
}

/** "2m ago"; a time after `now` (clock skew between components) reads as "0s ago". */
export function ago(time: string | undefined, now: string): string | undefined {
  const elapsed = age(time, now);
  return elapsed === undefined ? undefined : `${elapsed === '<invalid>' ? '0s' : elapsed} ago`;
}

/**
 * How often and how recently an event happened, relative to the diagnosis time:
 * "x14 over 9m, last 2m ago", "x3, last 5m ago", "2m ago". A kubelet that repeats a warning
 * for minutes is a different story from one that said it once, so the count always shows.
 */
export function eventSpan(event: Pick<TimelineEvent, 'count' | 'firstSeen' | 'lastSeen'>, now: string): string {
  const last = ago(event.lastSeen ?? event.firstSeen, now);
  if (event.count <= 1) return last ?? 'once';
  const first = parse(event.firstSeen);
  const end = parse(event.lastSeen);
  const over = first !== undefined && end !== undefined && end > first ? ` over ${humanDuration(end - first)}` : '';
  return last ? `x${event.count}${over}, last ${last}` : `x${event.count}${over}`;
}
