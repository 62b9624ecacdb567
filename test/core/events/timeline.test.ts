import { describe, expect, it } from 'vitest';
import { buildTimeline, normalizeEvent } from '../../../src/core/events/timeline.ts';
import type { EventsV1Event } from '../../../src/core/kube/types.ts';
import { coreEvent } from '../../support/objects.ts';

describe('event timeline', () => {
  it('reads events.k8s.io/v1 events like core ones: note, regarding, series', () => {
    const v1: EventsV1Event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'x', namespace: 'shop', creationTimestamp: '2026-11-21T10:00:00Z' },
      regarding: { kind: 'Pod', name: 'api-1', namespace: 'shop', fieldPath: 'spec.containers{api}' },
      reason: 'BackOff',
      note: 'Back-off restarting failed container api in pod api-1_shop',
      type: 'Warning',
      eventTime: '2026-11-21T10:00:00.000000Z',
      series: { count: 14, lastObservedTime: '2026-11-21T10:09:00.000000Z' },
      reportingController: 'kubelet',
    };
    expect(normalizeEvent(v1)).toMatchObject({
      object: 'Pod/api-1',
      reason: 'BackOff',
      message: 'Back-off restarting failed container api in pod api-1_shop',
      count: 14,
      lastSeen: '2026-11-21T10:09:00.000000Z',
      fieldPath: 'spec.containers{api}',
    });
  });

  it('merges repeats of the same reason and message, adding counts and widening the time span', () => {
    const timeline = buildTimeline([
      coreEvent('api-1', 'BackOff', 'Back-off restarting failed container', { count: 5, firstTimestamp: '2026-11-21T11:00:00Z', lastTimestamp: '2026-11-21T11:05:00Z' }),
      coreEvent('api-1', 'BackOff', 'Back-off restarting failed container', { count: 3, firstTimestamp: '2026-11-21T11:06:00Z', lastTimestamp: '2026-11-21T11:09:00Z' }),
      coreEvent('api-1', 'Pulled', 'Container image already present', { type: 'Normal', lastTimestamp: '2026-11-21T10:00:00Z' }),
    ]);
    expect(timeline.map((e) => [e.reason, e.count])).toEqual([
      ['Pulled', 1],
      ['BackOff', 8],
    ]);
    expect(timeline[1]).toMatchObject({ firstSeen: '2026-11-21T11:00:00Z', lastSeen: '2026-11-21T11:09:00Z' });
  });

  it('sorts by the best time an event has: series, then lastTimestamp, eventTime, firstTimestamp, creation', () => {
    const timeline = buildTimeline([
      coreEvent('p', 'A', 'a', { lastTimestamp: null, firstTimestamp: null, eventTime: '2026-11-21T11:30:00.000000Z' }),
      coreEvent('p', 'B', 'b', { lastTimestamp: '2026-11-21T11:10:00Z' }),
      coreEvent('p', 'C', 'c', { lastTimestamp: null, firstTimestamp: null, metadata: { name: 'c', creationTimestamp: '2026-11-21T11:20:00Z' } }),
    ]);
    expect(timeline.map((e) => e.reason)).toEqual(['B', 'C', 'A']);
  });

  it("reads the correlator's combined events as the message they repeat, and merges them with it", () => {
    const timeline = buildTimeline([
      coreEvent('api-1', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', { count: 3 }),
      coreEvent('api-1', 'Unhealthy', '(combined from similar events): Liveness probe failed: HTTP probe failed with statuscode: 500', { count: 9 }),
    ]);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ message: 'Liveness probe failed: HTTP probe failed with statuscode: 500', count: 12 });
  });
});
