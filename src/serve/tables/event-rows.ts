import type { CoreEvent, EventsV1Event, KubeObject } from '../../core/kube/types.ts';
import { isEventsV1, toCoreEvent } from '../event-shapes.ts';
import { since, type TablePrinter } from './table.ts';

// The API server's event printer, for both event APIs (it prints the internal shape of either).
// LAST SEEN falls back to the first time, and a series replaces count and last time.

function eventCells(event: CoreEvent, now: number): unknown[] {
  const first = event.firstTimestamp ? since(event.firstTimestamp, now) : since(event.eventTime, now);
  let last = event.lastTimestamp ? since(event.lastTimestamp, now) : first;
  let count = event.count ?? 0;
  if (event.series) {
    last = since(event.series.lastObservedTime, now);
    count = event.series.count ?? count;
  } else if (count === 0) {
    count = 1;
  }
  const involved = event.involvedObject ?? {};
  const kind = (involved.kind ?? '').toLowerCase();
  const component = event.source?.component || event.reportingComponent || '';
  const host = event.source?.host || (event.reportingInstance as string | undefined) || '';
  return [
    last,
    event.type ?? '',
    event.reason ?? '',
    involved.name ? `${kind}/${involved.name}` : kind,
    involved.fieldPath ?? '',
    host ? `${component}, ${host}` : component,
    (event.message ?? '').trim(),
    first,
    count,
    event.metadata.name ?? '',
  ];
}

export const eventPrinter: TablePrinter = {
  columns: [
    { name: 'Last Seen', type: 'string', description: 'The time at which the most recent occurrence of this event was recorded.' },
    { name: 'Type', type: 'string', description: 'Type of this event (Normal, Warning), new types could be added in the future.' },
    { name: 'Reason', type: 'string', description: 'Why the action was taken.' },
    { name: 'Object', type: 'string', description: 'The object that this event is about.' },
    { name: 'Subobject', type: 'string', priority: 1, description: 'The part of the object that this event is about.' },
    { name: 'Source', type: 'string', priority: 1, description: 'The component reporting this event.' },
    { name: 'Message', type: 'string', description: 'A human-readable description of the status of this operation.' },
    { name: 'First Seen', type: 'string', priority: 1, description: 'The time at which the event was first recorded.' },
    { name: 'Count', type: 'integer', priority: 1, description: 'The number of times this event has occurred.' },
    { name: 'Name', type: 'string', priority: 1, description: 'Name must be unique within a namespace.' },
  ],
  cells: (object: KubeObject, now: number) => eventCells(isEventsV1(object) ? toCoreEvent(object as EventsV1Event) : (object as CoreEvent), now),
};
