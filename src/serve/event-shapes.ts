import type { CoreEvent, EventsV1Event, KubeObject } from '../core/kube/types.ts';

// One stored event, two APIs: /api/v1 events and /apis/events.k8s.io/v1 events are views of
// the same storage, so each endpoint must answer with every event whichever API wrote it.
// Field names follow the API server's conversion (pkg/apis/events/v1/conversion.go). Go's
// encoding writes a zero time as null rather than omitting it, so those keys stay present.

export function isEventsV1(object: KubeObject): boolean {
  return object.apiVersion?.startsWith('events.k8s.io/') ?? false;
}

/** An events.k8s.io/v1 event in the core/v1 shape; a core event is returned unchanged. */
export function toCoreEvent(object: KubeObject): CoreEvent {
  if (!isEventsV1(object)) return object as CoreEvent;
  const { apiVersion: _apiVersion, kind: _kind, metadata, regarding, note, deprecatedSource, deprecatedFirstTimestamp, deprecatedLastTimestamp, deprecatedCount, reportingController, ...same } =
    object as EventsV1Event;
  return withoutUndefined({
    apiVersion: 'v1',
    kind: 'Event',
    metadata,
    involvedObject: regarding ?? {},
    reason: same.reason,
    message: note,
    source: deprecatedSource ?? {},
    firstTimestamp: deprecatedFirstTimestamp ?? null,
    lastTimestamp: deprecatedLastTimestamp ?? null,
    count: deprecatedCount || undefined,
    type: same.type,
    eventTime: same.eventTime ?? null,
    series: same.series,
    action: same.action,
    related: same.related,
    reportingComponent: reportingController ?? '',
    reportingInstance: same.reportingInstance ?? '',
  }) as CoreEvent;
}

/** A core/v1 event in the events.k8s.io/v1 shape. */
export function toEventsV1(event: CoreEvent): EventsV1Event {
  const { involvedObject, message, source, firstTimestamp, lastTimestamp, count, reportingComponent, metadata } = event;
  const hasSource = source && (source.component || source.host);
  return withoutUndefined({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata,
    eventTime: event.eventTime ?? null,
    series: event.series,
    reportingController: reportingComponent || undefined,
    reportingInstance: (event.reportingInstance as string | undefined) || undefined,
    action: event.action,
    reason: event.reason,
    regarding: involvedObject,
    related: event.related,
    note: message,
    type: event.type,
    deprecatedSource: hasSource ? source : undefined,
    deprecatedFirstTimestamp: firstTimestamp ?? null,
    deprecatedLastTimestamp: lastTimestamp ?? null,
    deprecatedCount: count || undefined,
  }) as EventsV1Event;
}

function withoutUndefined(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}
