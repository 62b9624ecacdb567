import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/core/diagnose.ts';
import { ReadFailure, type ClusterReader } from '../../../src/core/reader/cluster-reader.ts';
import { SnapshotReader } from '../../../src/snapshot/snapshot-reader.ts';
import { crashingPod, coreEvent } from '../../support/objects.ts';

/** A reader whose events and logs are forbidden, as with an RBAC role missing two rules. */
function withForbiddenEventsAndLogs(inner: ClusterReader): ClusterReader {
  return {
    source: inner.source,
    capturedAt: inner.capturedAt,
    get: (kind, name, namespace) => inner.get(kind, name, namespace),
    list: (kind, query) => inner.list(kind, query),
    events: async (about) => {
      throw new ReadFailure('forbidden', `list events in ${about.namespace}`, 'events is forbidden: User "k8s-why" cannot list resource "events"');
    },
    logs: async (request) => {
      throw new ReadFailure('forbidden', `get pods/log ${request.pod}`, 'pods "log" is forbidden');
    },
  };
}

describe('a failed read is a gap, not a failed answer', () => {
  it('still answers, and names each read that could not be made', async () => {
    const pod = crashingPod('api-1');
    const snapshot = new SnapshotReader({ objects: [pod, coreEvent('api-1', 'BackOff', 'Back-off restarting failed container')] as never, logs: [] }, 'snapshot test');
    const result = await diagnose(withForbiddenEventsAndLogs(snapshot), { target: 'api-1', namespace: 'shop' }, { now: new Date('2026-11-21T12:00:00Z') });
    expect(result.ok).toBe(true);
    const diagnosis = result.ok ? result.diagnosis : undefined;
    expect(diagnosis?.subject.pod?.status).toBe('CrashLoopBackOff');
    expect(diagnosis?.gaps.map((gap) => [gap.code, gap.what])).toEqual(
      expect.arrayContaining([
        ['forbidden', 'list events in shop'],
        ['forbidden', 'get pods/log api-1'],
      ]),
    );
  });
});
