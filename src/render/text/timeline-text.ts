import type { TimelineEvent } from '../../core/events/timeline.ts';
import { eventSpan } from '../durations.ts';
import { terminalSafe, type Palette } from './ansi.ts';
import { wrap } from './wrap.ts';

export interface TimelineTextOptions {
  p: Palette;
  width: number;
  /** "Pod/api-1": events about the subject itself need no object column. */
  subject?: string;
  /** Say that no events are left, rather than print nothing. */
  sayWhenEmpty: boolean;
}

/**
 * The event timeline as terminal lines, heading first: oldest first, repeats merged with their
 * counts and span, for the full answer and for `describe` and `events` alike.
 */
export function timelineLines(timeline: readonly TimelineEvent[], now: string, options: TimelineTextOptions): string[] {
  const { p, width } = options;
  if (timeline.length === 0) {
    if (!options.sayWhenEmpty) return [];
    return ['', p.bold('Events'), ...wrap('None recorded (the API server keeps events for one hour by default).', width, '  ')];
  }
  const lines = ['', p.bold('Events (oldest first)')];
  const reasonWidth = Math.min(24, Math.max(...timeline.map((event) => event.reason.length)));
  for (const event of timeline) {
    const type = event.type === 'Warning' ? p.yellow('Warning') : p.dim('Normal ');
    const about = event.object === options.subject ? '' : `  ${p.dim(terminalSafe(event.object))}`;
    const reason = terminalSafe(event.reason.padEnd(reasonWidth));
    lines.push(`  ${type} ${p.bold(reason)}  ${eventSpan(event, now)}${about}`);
    lines.push(...wrap(terminalSafe(event.message), width, '      '));
  }
  return lines;
}
