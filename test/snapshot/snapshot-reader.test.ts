import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/snapshot/snapshot.ts';
import { boundLog, SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { coreEvent, runningPod } from '../support/objects.ts';

function reader(objects: unknown[], logs: unknown[] = []) {
  const parsed = parseSnapshot({ objects, logs });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return new SnapshotReader(parsed.snapshot, 'snapshot test');
}

describe('SnapshotReader', () => {
  it('lists with label and field selectors as the API server does', async () => {
    const a = runningPod('web-1', 'shop', { labels: { app: 'web', tier: 'front' } });
    const b = runningPod('api-1', 'shop', { labels: { app: 'api' } });
    b.spec.nodeName = 'node-2';
    const r = reader([a, b, runningPod('web-1', 'other', { labels: { app: 'web' } })]);
    expect((await r.list('Pod', { namespace: 'shop', labelSelector: 'app=web' })).map((p) => p.metadata.name)).toEqual(['web-1']);
    expect((await r.list('Pod', { namespace: 'shop', labelSelector: 'app in (web,api),!tier' })).map((p) => p.metadata.name)).toEqual(['api-1']);
    expect((await r.list('Pod', { fieldSelector: 'spec.nodeName=node-2' })).map((p) => p.metadata.name)).toEqual(['api-1']);
    expect(await r.list('Pod', {})).toHaveLength(3);
  });

  it('returns events about one object only, telling same-named pods apart by uid', async () => {
    const r = reader([
      coreEvent('db-0', 'BackOff', 'current pod'),
      coreEvent('db-0', 'Killing', 'an earlier db-0', { involvedObject: { kind: 'Pod', name: 'db-0', namespace: 'shop', uid: 'old-uid' } }),
      coreEvent('db-1', 'BackOff', 'another pod'),
    ]);
    const events = await r.events({ kind: 'Pod', name: 'db-0', namespace: 'shop', uid: 'uid-db-0' });
    expect(events.map((e) => ('message' in e ? e.message : ''))).toEqual(['current pod']);
  });

  it('serves previous and current logs separately, bounded by tailLines then limitBytes', async () => {
    const r = reader([], [
      { namespace: 'shop', pod: 'api-1', container: 'api', previous: true, text: 'one\ntwo\nthree\n' },
      { namespace: 'shop', pod: 'api-1', container: 'api', previous: false, text: 'now\n' },
    ]);
    expect(await r.logs({ namespace: 'shop', pod: 'api-1', container: 'api', previous: true, tailLines: 2 })).toBe('two\nthree\n');
    expect(await r.logs({ namespace: 'shop', pod: 'api-1', container: 'api', previous: false })).toBe('now\n');
    expect(await r.logs({ namespace: 'shop', pod: 'api-1', container: 'sidecar', previous: true })).toBeUndefined();
    expect(boundLog('abcdef\n', undefined, 3)).toBe('abc');
  });

  it('knows its moment: the latest timestamp recorded in it', () => {
    const r = reader([coreEvent('p', 'BackOff', 'x', { lastTimestamp: '2026-11-21T11:59:00Z' }), runningPod('p')]);
    expect(r.capturedAt?.toISOString()).toBe('2026-11-21T11:59:00.000Z');
  });

  it('rejects a file that is not a snapshot, naming the path of the problem', () => {
    const parsed = parseSnapshot({ objects: [{ metadata: { name: 'x' } }] });
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems[0]).toMatch(/^objects\[0\]\.kind: every object needs a "kind"/);
  });
});
