import type { Snapshot } from './snapshot.ts';

// Fields that record when something happened. The latest of them is the moment a snapshot
// describes: relative times ("last seen 2m ago") are measured from there.
const TIME_FIELDS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'lastTimestamp',
  'firstTimestamp',
  'eventTime',
  'lastObservedTime',
  'deprecatedLastTimestamp',
  'lastTransitionTime',
  'lastHeartbeatTime',
  'lastProbeTime',
  'startedAt',
  'finishedAt',
  'startTime',
]);

/** The snapshot's own capturedAt, else the latest timestamp anywhere in its objects. */
export function snapshotMoment(snapshot: Snapshot): Date | undefined {
  if (snapshot.capturedAt) return new Date(snapshot.capturedAt);
  let latest = Number.NEGATIVE_INFINITY;
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key && TIME_FIELDS.has(key)) {
        const time = Date.parse(value);
        if (!Number.isNaN(time) && time > latest) latest = time;
      }
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(snapshot.objects);
  return Number.isFinite(latest) ? new Date(latest) : undefined;
}
