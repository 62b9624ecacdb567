import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContainerStatus, CoreEvent, EventsV1Event, KeyedObject, KubeNode, KubeObject, PersistentVolumeClaim, Pod, ResourceList, ResourceQuota, Workload } from '../../src/core/kube/types.ts';
import { parseQuantity } from '../../src/core/kube/quantity.ts';
import { parseSnapshot } from '../../src/snapshot/snapshot.ts';
import { snapshotMoment } from '../../src/snapshot/snapshot-moment.ts';
import { DEMO_FILE } from '../../scripts/demo-scenarios.ts';

// The demo cluster is the first thing a person runs, and the demo scenarios are derived from it,
// so its data must hold together the way a real cluster's does: every reference resolves, times
// agree, the quota and node books balance, and the failures are told apart by their status
// fields alone. Nothing here runs a detector.

const raw = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as { objects: KubeObject[]; logs: { namespace: string; pod: string; container: string; previous: boolean; text: string }[]; ask?: unknown; expect?: unknown; description?: string; source?: string };
const objects = raw.objects;
const NOW = Date.parse('2026-11-21T09:42:00Z');
const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PersistentVolume', 'StorageClass']);

const ofKind = <T extends KubeObject>(kind: string) => objects.filter((o) => o.kind === kind) as T[];
const pods = ofKind<Pod>('Pod');
const find = (kind: string, name: string, namespace?: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name && (CLUSTER_SCOPED.has(kind) || o.metadata.namespace === namespace));
const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

function podRequests(pod: Pod, field: 'requests' | 'limits'): Record<string, number> {
  // What the scheduler and the quota count: the containers' sum, or the largest init container.
  const total: Record<string, number> = {};
  const add = (list: ResourceList | undefined, combine: (a: number, b: number) => number) => {
    for (const [name, quantity] of Object.entries(list ?? {})) total[name] = combine(total[name] ?? 0, parseQuantity(quantity));
  };
  for (const c of pod.spec.containers) add(c.resources?.[field], (a, b) => a + b);
  for (const c of pod.spec.initContainers ?? []) add(c.resources?.[field], Math.max);
  return total;
}

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/** A failure told apart by the pod's own status fields (and its claims), or undefined when it looks fine. */
function failureKind(pod: Pod): string | undefined {
  const status = pod.status ?? {};
  const all: ContainerStatus[] = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const regular = status.containerStatuses ?? [];
  if (pod.metadata.deletionTimestamp && NOW - time(pod.metadata.deletionTimestamp) > 10 * 60_000) return 'stuck terminating';
  if (status.reason === 'Evicted') return 'evicted';
  if (all.some((c) => c.lastState?.terminated?.reason === 'OOMKilled' || c.state?.terminated?.reason === 'OOMKilled')) return 'OOMKilled';
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const init = (status.initContainerStatuses ?? []).filter((c) => !sidecars.has(c.name));
  if (init.some((c) => c.state?.waiting?.reason === 'CrashLoopBackOff' || (c.state?.terminated?.exitCode ?? 0) !== 0)) return 'init container failing';
  const waiting = regular.map((c) => c.state?.waiting?.reason);
  if (waiting.some((r) => r === 'ImagePullBackOff' || r === 'ErrImagePull')) return 'image pull failing';
  if (waiting.includes('CreateContainerConfigError')) return 'container config error';
  const scheduled = status.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    const claims = (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
    const unbound = claims.some((name) => (find('PersistentVolumeClaim', name, pod.metadata.namespace) as PersistentVolumeClaim | undefined)?.status?.phase !== 'Bound');
    return unbound ? 'unbound claim' : 'unschedulable';
  }
  if (regular.some((c) => c.restartCount > 0 && c.lastState?.terminated?.exitCode === 143)) return 'killed by the kubelet (SIGTERM)';
  if (waiting.includes('CrashLoopBackOff')) return 'crash loop';
  const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  if (status.phase === 'Running' && !ready) return 'running, not ready';
  return undefined;
}

describe('demo cluster snapshot', () => {
  it('is a plain snapshot in FORMAT.md shape: description and source, no ask or expect', () => {
    expect(parseSnapshot(raw).ok).toBe(true);
    expect(raw.description).toMatch(/\S/);
    expect(raw.source).toMatch(/\S/);
    expect(raw.ask).toBeUndefined();
    expect(raw.expect).toBeUndefined();
  });

  it('gives every object apiVersion, kind and full metadata, with unique uids', () => {
    const incomplete = objects
      .filter((o) => !o.apiVersion || !o.kind || !o.metadata.name || !o.metadata.uid || !o.metadata.creationTimestamp || (!CLUSTER_SCOPED.has(o.kind) && !o.metadata.namespace))
      .map((o) => `${o.kind}/${o.metadata.name}`);
    expect(incomplete).toEqual([]);
    const uids = objects.map((o) => o.metadata.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it('resolves every owner reference (pods, ReplicaSets, Jobs) to an existing object with that uid', () => {
    const dangling = objects.flatMap((o) =>
      (o.metadata.ownerReferences ?? [])
        .filter((ref) => find(ref.kind, ref.name, o.metadata.namespace)?.metadata.uid !== ref.uid)
        .map((ref) => `${o.kind}/${o.metadata.name} -> ${ref.kind}/${ref.name}`),
    );
    expect(dangling).toEqual([]);
    expect(pods.filter((p) => !p.metadata.ownerReferences?.length).map((p) => p.metadata.name)).toEqual([]);
  });

  it('has every event, of either events API, about an object that exists', () => {
    const events = ofKind<CoreEvent & EventsV1Event>('Event');
    expect(events.some((e) => e.apiVersion === 'events.k8s.io/v1')).toBe(true);
    expect(events.some((e) => e.apiVersion === 'v1')).toBe(true);
    const orphans = events
      .map((e) => e.involvedObject ?? e.regarding!)
      .filter((subject) => find(subject.kind!, subject.name!, subject.namespace)?.metadata.uid !== subject.uid)
      .map((subject) => `${subject.kind}/${subject.name}`);
    expect(orphans).toEqual([]);
  });

  it('dates itself at 09:42:00Z, with events from the last hour only, as a 1h event TTL leaves them', () => {
    expect(snapshotMoment(raw as Parameters<typeof snapshotMoment>[0])?.toISOString()).toBe('2026-11-21T09:42:00.000Z');
    const lastSeen = ofKind<CoreEvent & EventsV1Event>('Event').map((e) => time(e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime));
    expect(lastSeen.filter((t) => !(t <= NOW && t > NOW - 60 * 60_000))).toEqual([]);
  });

  it('has logs only for containers that exist and ran: previous logs only where a previous instance ended', () => {
    const wrong = raw.logs.filter((log) => {
      const pod = find('Pod', log.pod, log.namespace) as Pod | undefined;
      const status = [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? [])].find((c) => c.name === log.container);
      if (!status) return true;
      return log.previous ? !status.lastState?.terminated : !(status.state?.running || status.state?.terminated);
    });
    expect(wrong.map((log) => `${log.pod}/${log.container}${log.previous ? ' (previous)' : ''}`)).toEqual([]);
  });

  it('shows at least nine different failures in pod status fields, and a pod that cannot be created', () => {
    const kinds = new Set(pods.map(failureKind).filter((kind) => kind !== undefined));
    expect(kinds.size, [...kinds].join(', ')).toBeGreaterThanOrEqual(9);
    const failedCreate = ofKind<Workload>('ReplicaSet').filter(
      (rs) => rs.status?.conditions?.some((c) => c.type === 'ReplicaFailure' && c.reason === 'FailedCreate') && !pods.some((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid),
    );
    expect(failedCreate.map((rs) => rs.metadata.name)).toEqual(['notifications-6d9c7b5f48']);
  });

  it('keeps every other pod healthy: Running and Ready, or Succeeded', () => {
    const healthy = pods.filter((p) => failureKind(p) === undefined);
    const odd = healthy.filter((p) => !(p.status?.phase === 'Succeeded' || (p.status?.phase === 'Running' && p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))));
    expect(odd.map((p) => p.metadata.name)).toEqual([]);
    expect(healthy.length).toBeGreaterThanOrEqual(15);
  });

  it('balances each node: the requests of its running pods fit its allocatable', () => {
    const over = ofKind<KubeNode>('Node').flatMap((node) => {
      const used: Record<string, number> = {};
      for (const pod of pods.filter((p) => p.spec.nodeName === node.metadata.name && !isTerminal(p))) {
        for (const [name, amount] of Object.entries(podRequests(pod, 'requests'))) used[name] = (used[name] ?? 0) + amount;
      }
      return Object.entries(used)
        .filter(([name, amount]) => amount > parseQuantity(node.status?.allocatable?.[name] ?? 0))
        .map(([name]) => `${node.metadata.name} ${name}`);
    });
    expect(over).toEqual([]);
  });

  it('keeps the ResourceQuota honest: status.used is what the non-terminal pods request, and FailedCreate quotes it', () => {
    const quota = ofKind<ResourceQuota>('ResourceQuota')[0]!;
    const counted = pods.filter((p) => p.metadata.namespace === quota.metadata.namespace && !isTerminal(p));
    for (const [key, used] of Object.entries(quota.status?.used ?? {})) {
      const [field, resource] = key === 'pods' ? ['pods', 'pods'] : (key.split(/\.(.*)/) as ['requests' | 'limits', string]);
      const sum = key === 'pods' ? counted.length : counted.reduce((total, pod) => total + (podRequests(pod, field as 'requests' | 'limits')[resource] ?? 0), 0);
      expect(sum, key).toBeCloseTo(parseQuantity(used), 6);
    }
    const failed = ofKind<CoreEvent>('Event').filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    for (const event of failed) {
      expect(event.message).toContain(`used: limits.memory=${quota.status?.used?.['limits.memory']}, limited: limits.memory=${quota.status?.hard?.['limits.memory']}`);
    }
  });

  it('keeps Secret and ConfigMap values out: keys only', () => {
    const withValues = ofKind<KeyedObject>('Secret')
      .concat(ofKind<KeyedObject>('ConfigMap'))
      .filter((o) => Object.values(o.data ?? {}).some((value) => value !== ''));
    expect(withValues.map((o) => o.metadata.name)).toEqual([]);
  });

  it('carries secrets in its logs (a bearer token, passwords in connection strings) for redaction to mask', () => {
    const text = raw.logs.map((log) => log.text).join('\n');
    expect(text).toMatch(/Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(text).toMatch(/postgres:\/\/payments:[^@*\s]+@/);
    expect(text).toMatch(/redis:\/\/:[^@*\s]+@/);
  });
});
