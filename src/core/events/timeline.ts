import type { CoreEvent, EventsV1Event, KubeEvent } from '../kube/types.ts';

/**
 * One line of an object's history: core/v1 and events.k8s.io/v1 events folded into one shape,
 * and repeats of the same reason and message merged with their counts added up.
 */
export interface TimelineEvent {
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  count: number;
  /** ISO time of the first and last occurrence we know of; undefined when the event has none. */
  firstSeen?: string;
  lastSeen?: string;
  /** The object the event is about: "Pod/checkout-7d9f", "ReplicaSet/checkout-7d9f". */
  object: string;
  /** spec.containers{api}: which container an event is about, when the kubelet says. */
  fieldPath?: string;
  component?: string;
}

function isEventsV1(event: KubeEvent): event is EventsV1Event {
  return 'regarding' in event || 'note' in event || (event.apiVersion ?? '').startsWith('events.k8s.io');
}

function firstDefined(...values: (string | null | undefined)[]): string | undefined {
  for (const value of values) if (value) return value;
  return undefined;
}

export interface EventSubject {
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  fieldPath?: string;
}

/** The object an event is about, whichever API it came from. */
export function eventSubject(event: KubeEvent): EventSubject | undefined {
  return isEventsV1(event) ? event.regarding : (event as CoreEvent).involvedObject;
}

// The event correlator folds bursts of similar events into one and prefixes its message with
// this; what follows is the original message, which is what detectors match and people read.
const COMBINED_PREFIX = /^\(combined from similar events\):\s*/;

function cleanMessage(message: string | undefined): string {
  return (message ?? '').trim().replace(COMBINED_PREFIX, '');
}

/** Folds either event API into one occurrence record (count and times as the server gave them). */
export function normalizeEvent(event: KubeEvent): TimelineEvent {
  if (isEventsV1(event)) {
    const regarding = event.regarding ?? {};
    const count = event.series?.count ?? event.deprecatedCount ?? 1;
    return {
      type: event.type ?? 'Normal',
      reason: event.reason ?? '',
      message: cleanMessage(event.note),
      count: Math.max(1, count),
      firstSeen: firstDefined(event.deprecatedFirstTimestamp, event.eventTime, event.metadata.creationTimestamp),
      lastSeen: firstDefined(
        event.series?.lastObservedTime,
        event.deprecatedLastTimestamp,
        event.eventTime,
        event.deprecatedFirstTimestamp,
        event.metadata.creationTimestamp,
      ),
      object: `${regarding.kind ?? '?'}/${regarding.name ?? '?'}`,
      fieldPath: regarding.fieldPath,
      component: event.reportingController ?? event.deprecatedSource?.component,
    };
  }
  const core = event as CoreEvent;
  const involved = core.involvedObject ?? {};
  const count = core.series?.count ?? core.count ?? 1;
  return {
    type: core.type ?? 'Normal',
    reason: core.reason ?? '',
    message: cleanMessage(core.message),
    count: Math.max(1, count),
    firstSeen: firstDefined(core.firstTimestamp, core.eventTime, core.metadata.creationTimestamp),
    lastSeen: firstDefined(
      core.series?.lastObservedTime,
      core.lastTimestamp,
      core.eventTime,
      core.firstTimestamp,
      core.metadata.creationTimestamp,
    ),
    object: `${involved.kind ?? '?'}/${involved.name ?? '?'}`,
    fieldPath: involved.fieldPath,
    component: core.source?.component ?? core.reportingComponent,
  };
}

function earlier(a?: string, b?: string): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function later(a?: string, b?: string): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Merges events with the same object, type, reason and message (the kubelet and the scheduler
 * emit the same record many times, sometimes as separate objects), adds their counts, and sorts
 * by last seen, oldest first, the way a person reads a timeline.
 */
export function buildTimeline(events: readonly KubeEvent[]): TimelineEvent[] {
  const merged = new Map<string, TimelineEvent>();
  for (const raw of events) {
    const event = normalizeEvent(raw);
    const key = [event.object, event.type, event.reason, event.message].join('\u0000');
    const seen = merged.get(key);
    if (!seen) {
      merged.set(key, { ...event });
      continue;
    }
    seen.count += event.count;
    seen.firstSeen = earlier(seen.firstSeen, event.firstSeen);
    seen.lastSeen = later(seen.lastSeen, event.lastSeen);
    seen.fieldPath ??= event.fieldPath;
  }
  return [...merged.values()].sort(oldestFirst);
}

/** Timeline order: by last seen, oldest first; events with no time at all first. */
export function oldestFirst(a: TimelineEvent, b: TimelineEvent): number {
  return timeOf(a.lastSeen) - timeOf(b.lastSeen);
}

function timeOf(iso?: string): number {
  if (!iso) return 0;
  const parsed = Date.parse(iso);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** Events with one of the given reasons, newest first. */
export function eventsWithReason(timeline: readonly TimelineEvent[], ...reasons: string[]): TimelineEvent[] {
  return timeline.filter((event) => reasons.includes(event.reason)).reverse();
}

/** The container an event names in its fieldPath ("spec.containers{api}" -> "api"). */
export function containerOfEvent(event: TimelineEvent): string | undefined {
  return event.fieldPath?.match(/\{([^}]+)\}/)?.[1];
}
