import type { TimelineEvent } from '../events/timeline.ts';
import type { Evidence } from '../findings/finding.ts';
import { redactText } from '../redaction/redact-text.ts';
import { ago } from '../time/elapsed.ts';

/** "event Unhealthy x14, last 2m ago": an event as evidence, with how often and how recently. */
export function eventSource(event: TimelineEvent, now: Date): string {
  const on = event.object.startsWith('Node/') ? ` on ${event.object}` : '';
  return `event ${event.reason}${on} x${event.count}, last ${ago(event.lastSeen, now)}`;
}

/** Event messages can quote probe output and program output: redacted before they are shown. */
export function eventEvidence(event: TimelineEvent, now: Date): Evidence {
  return { kind: event.object.startsWith('Node/') ? 'node' : 'event', source: eventSource(event, now), text: redactText(event.message) };
}
