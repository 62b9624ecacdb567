import type { Evidence } from '../findings/finding.ts';
import { agoText } from '../time/elapsed.ts';
import type { TimelineEvent } from './timeline.ts';

/**
 * An event as evidence, cited the way `kubectl describe` shows it so a person can find it:
 * reason, how often, about which container, and when it was last seen.
 */
export function citeEvent(event: TimelineEvent, now: Date): Evidence {
  const parts = [`event ${event.reason || '(no reason)'}`];
  if (event.count > 1) parts.push(`x${event.count}`);
  if (event.object && !event.object.startsWith('Pod/')) parts.push(`on ${event.object}`);
  if (event.fieldPath) parts.push(`(${event.fieldPath})`);
  const ago = agoText(event.lastSeen, now);
  const source = ago ? `${parts.join(' ')}, last seen ${ago}` : parts.join(' ');
  return { kind: 'event', source, text: event.message };
}
