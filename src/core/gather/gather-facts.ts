import { buildTimeline } from '../events/timeline.ts';
import type { ClaimFacts, ContainerLog, Facts, PodFacts, SchedulingFacts, WorkloadFacts } from '../facts/facts.ts';
import type { Gap } from '../facts/gap.ts';
import { containerViews } from '../kube/pod-status.ts';
import type { ContainerState, ContainerStatus, CronJob, KeyedObject, KubeEvent, Pod, StorageClass, Workload } from '../kube/types.ts';
import type { TimelineEvent } from '../events/timeline.ts';
import type { ClusterReader } from '../reader/cluster-reader.ts';
import type { Resolved } from '../target/resolve-target.ts';
import type { WorkloadKind } from '../target/target.ts';
import { findWorkloadMembers, type WorkloadMembers } from '../workloads/workload-pods.ts';
import { claimsMounted, configMapsReferenced } from './pod-references.ts';
import { gapRecorder } from './read-or-gap.ts';
import { ownerChain } from './owner-chain.ts';

export interface GatherOptions {
  now: Date;
  /** Bounds on each log read, so a chatty container cannot fill a Lambda's memory. */
  logTailLines?: number;
  logLimitBytes?: number;
  /** Masks secrets in container output before anything else sees it. */
  redact: (text: string) => string;
}

const DEFAULT_TAIL_LINES = 1000;
const DEFAULT_LIMIT_BYTES = 512 * 1024;

/**
 * Reads everything one diagnosis needs, in parallel: every independent read goes out at once,
 * and only reads that need an earlier answer (a claim's StorageClass, a ReplicaSet's
 * Deployment) wait for it. Failed reads become gaps; the facts that could be read still come.
 */
export async function gatherFacts(reader: ClusterReader, resolved: Resolved, namespace: string, options: GatherOptions): Promise<Facts> {
  const gaps: Gap[] = [];
  const readOrGap = gapRecorder(gaps);
  const { resolution } = resolved;
  const pod = resolution.outcome === 'pod' || resolution.outcome === 'workload' ? resolution.pod : undefined;
  const unscheduled = pod !== undefined && !pod.spec.nodeName && !pod.metadata.deletionTimestamp;
  // Quotas and LimitRanges explain pods that are pending or were never created; a target that
  // resolved to nothing needs neither them nor the nodes.
  const mayBeRefused = unscheduled || (resolution.outcome === 'workload' && !pod) || pod?.status?.phase === 'Pending';

  const [podFacts, workload, scheduling, quotas, limitRanges] = await Promise.all([
    pod ? gatherPod(reader, pod, namespace, options, readOrGap) : undefined,
    gatherWorkload(reader, resolved, pod, namespace, readOrGap, redactTimeline(options.redact)),
    unscheduled ? gatherScheduling(reader, readOrGap) : undefined,
    mayBeRefused ? readOrGap(`list resourcequotas in ${namespace}`, () => reader.list('ResourceQuota', { namespace }), []) : [],
    mayBeRefused ? readOrGap(`list limitranges in ${namespace}`, () => reader.list('LimitRange', { namespace }), []) : [],
  ]);

  return {
    namespace,
    target: resolution,
    pod: podFacts,
    workload,
    scheduling,
    policy: { quotas, limitRanges },
    now: options.now,
    gaps,
  };
}

type ReadOrGap = ReturnType<typeof gapRecorder>;

async function gatherPod(reader: ClusterReader, pod: Pod, namespace: string, options: GatherOptions, readOrGap: ReadOrGap): Promise<PodFacts> {
  const name = pod.metadata.name ?? '';
  const nodeName = pod.spec.nodeName;
  const [events, node, nodeEvents, logs, claims, configMaps] = await Promise.all([
    readOrGap(`list events for pod ${name} in ${namespace}`, () => reader.events({ kind: 'Pod', name, namespace, uid: pod.metadata.uid }), [] as KubeEvent[]),
    nodeName ? readOrGap(`get node ${nodeName}`, () => reader.get('Node', nodeName), undefined) : undefined,
    nodeName ? readOrGap(`list events for node ${nodeName}`, () => reader.events({ kind: 'Node', name: nodeName }), [] as KubeEvent[]) : [],
    gatherLogs(reader, pod, namespace, options, readOrGap),
    gatherClaims(reader, pod, namespace, readOrGap, redactTimeline(options.redact)),
    gatherConfigMaps(reader, pod, namespace, readOrGap),
  ]);
  const clean = redactTimeline(options.redact);
  return { pod: redactPodMessages(pod, options.redact), events: clean(events), node, nodeEvents: clean(nodeEvents), logs, claims, configMaps };
}

async function gatherLogs(reader: ClusterReader, pod: Pod, namespace: string, options: GatherOptions, readOrGap: ReadOrGap): Promise<ContainerLog[]> {
  const name = pod.metadata.name ?? '';
  const requests: { container: string; previous: boolean }[] = [];
  for (const view of containerViews(pod)) {
    const status = view.status;
    // Only ask for output that exists: a container that never started has none, and the API
    // answers such requests with an error that would read as a gap.
    if (status?.state?.running || status?.state?.terminated) requests.push({ container: view.name, previous: false });
    if (status?.lastState?.terminated || (status?.restartCount ?? 0) > 0) requests.push({ container: view.name, previous: true });
  }
  const texts = await Promise.all(
    requests.map((request) =>
      readOrGap(
        `get pods/log ${name} -c ${request.container}${request.previous ? ' --previous' : ''} in ${namespace}`,
        () =>
          reader.logs({
            namespace,
            pod: name,
            container: request.container,
            previous: request.previous,
            tailLines: options.logTailLines ?? DEFAULT_TAIL_LINES,
            limitBytes: options.logLimitBytes ?? DEFAULT_LIMIT_BYTES,
          }),
        undefined,
      ),
    ),
  );
  return requests.flatMap((request, index) => {
    const text = texts[index];
    return text === undefined ? [] : [{ ...request, text: options.redact(text) }];
  });
}

async function gatherClaims(reader: ClusterReader, pod: Pod, namespace: string, readOrGap: ReadOrGap, clean: (events: KubeEvent[]) => TimelineEvent[]): Promise<ClaimFacts[]> {
  const mounted = claimsMounted(pod);
  if (mounted.length === 0) return [];
  const storageClasses = readOrGap('list storageclasses', () => reader.list('StorageClass'), [] as StorageClass[]);
  const claims = await Promise.all(
    mounted.map(async ({ volume, claimName }) => {
      const [claim, events] = await Promise.all([
        readOrGap(`get persistentvolumeclaim ${claimName} in ${namespace}`, async () => (await reader.get('PersistentVolumeClaim', claimName, namespace)) ?? null, undefined),
        readOrGap(`list events for persistentvolumeclaim ${claimName}`, () => reader.events({ kind: 'PersistentVolumeClaim', name: claimName, namespace }), [] as KubeEvent[]),
      ]);
      const classes = await storageClasses;
      const className = claim?.spec?.storageClassName;
      const storageClass = !claim
        ? undefined
        : className
          ? (classes.find((sc) => sc.metadata.name === className) ?? null)
          : className === ''
            ? undefined
            : (classes.find(isDefaultClass) ?? null);
      const volumeName = claim?.spec?.volumeName;
      const volumeObject = volumeName ? await readOrGap(`get persistentvolume ${volumeName}`, () => reader.get('PersistentVolume', volumeName), undefined) : undefined;
      return { volume, claimName, claim, storageClass, volumeObject, events: clean(events), storageClasses: classes };
    }),
  );
  // Only an unbound claim needs the volumes it could have bound to; one list serves every claim.
  if (!claims.some(({ claim }) => claim && !claim.spec?.volumeName && claim.status?.phase !== 'Bound')) return claims;
  const persistentVolumes = await readOrGap('list persistentvolumes', () => reader.list('PersistentVolume'), undefined);
  return persistentVolumes ? claims.map((facts) => ({ ...facts, persistentVolumes })) : claims;
}

// The GA annotation, and the beta one that older clusters and some installers still set.
function isDefaultClass(storageClass: StorageClass): boolean {
  const annotations = storageClass.metadata.annotations ?? {};
  return annotations['storageclass.kubernetes.io/is-default-class'] === 'true' || annotations['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}

async function gatherConfigMaps(reader: ClusterReader, pod: Pod, namespace: string, readOrGap: ReadOrGap): Promise<Record<string, KeyedObject | null>> {
  const names = configMapsReferenced(pod);
  const found = await Promise.all(
    names.map((name) =>
      readOrGap(`get configmap ${name} in ${namespace}`, async () => (await reader.get('ConfigMap', name, namespace)) ?? null, undefined),
    ),
  );
  const result: Record<string, KeyedObject | null> = {};
  names.forEach((name, index) => {
    const value = found[index];
    if (value !== undefined) result[name] = value;
  });
  return result;
}

async function gatherWorkload(
  reader: ClusterReader,
  resolved: Resolved,
  pod: Pod | undefined,
  namespace: string,
  readOrGap: ReadOrGap,
  clean: (events: KubeEvent[]) => TimelineEvent[],
): Promise<WorkloadFacts | undefined> {
  const { resolution } = resolved;
  let kind: WorkloadKind;
  let object: Workload | CronJob;
  let owner: { kind: WorkloadKind; object: Workload | CronJob } | undefined;
  let members: WorkloadMembers | undefined = resolved.members;
  if (resolution.outcome === 'workload') {
    ({ kind, object } = resolution.workload);
  } else if (pod) {
    const chain = await ownerChain(reader, pod, namespace, readOrGap);
    if (!chain) return undefined;
    ({ kind, object, owner } = chain);
  } else {
    return undefined;
  }
  // A pod's ReplicaSet tells little alone: its Deployment's revisions say what the rollout changed.
  // The events of the objects already known go out with the members list; only the other
  // revisions' events wait for it.
  const top = owner ?? { kind, object };
  const known = owner ? [top.object, object] : [top.object];
  const eventsOf = (subject: Workload | CronJob) =>
    readOrGap(`list events for ${(subject.kind ?? '').toLowerCase()} ${subject.metadata.name}`, () => reader.events({ kind: subject.kind ?? '', name: subject.metadata.name ?? '', namespace }), [] as KubeEvent[]);
  const [listed, knownEvents] = await Promise.all([
    !members || owner
      ? readOrGap(`list ${top.kind.toLowerCase()} ${top.object.metadata.name} members in ${namespace}`, () => findWorkloadMembers(reader, top.kind, top.object, namespace), { revisions: [], pods: [] })
      : members,
    Promise.all(known.map(eventsOf)),
  ]);
  members = listed;
  const revisionKind = top.kind === 'CronJob' ? 'Job' : 'ReplicaSet';
  const knownNames = new Set(known.map((k) => `${k.kind}/${k.metadata.name}`));
  const more = members.revisions
    .slice(0, 2)
    .map((revision) => ({ ...revision, kind: revision.kind ?? revisionKind }))
    .filter((revision) => !knownNames.has(`${revision.kind}/${revision.metadata.name}`));
  const moreEvents = await Promise.all(more.map(eventsOf));
  const events = [...knownEvents, ...moreEvents];
  return { kind, object, owner, revisions: members.revisions, pods: members.pods, events: clean(events.flat()) };
}

/**
 * Event messages and container messages carry whatever a process or a probe printed (a
 * connection string, a token in a probe URL): they are masked here, before any detector cites
 * them or any renderer prints them.
 */
function redactTimeline(redact: (text: string) => string) {
  return (events: KubeEvent[]): TimelineEvent[] => buildTimeline(events).map((event) => ({ ...event, message: redact(event.message) }));
}

function redactPodMessages(pod: Pod, redact: (text: string) => string): Pod {
  const cleanStatus = (status: ContainerStatus): ContainerStatus => ({
    ...status,
    state: cleanState(status.state),
    lastState: cleanState(status.lastState),
  });
  const cleanState = (state: ContainerState | undefined): ContainerState | undefined => {
    if (!state) return state;
    return {
      ...state,
      ...(state.waiting ? { waiting: { ...state.waiting, message: state.waiting.message && redact(state.waiting.message) } } : {}),
      ...(state.terminated ? { terminated: { ...state.terminated, message: state.terminated.message && redact(state.terminated.message) } } : {}),
    };
  };
  if (!pod.status) return pod;
  return {
    ...pod,
    status: {
      ...pod.status,
      ...(pod.status.message ? { message: redact(pod.status.message) } : {}),
      ...(pod.status.containerStatuses ? { containerStatuses: pod.status.containerStatuses.map(cleanStatus) } : {}),
      ...(pod.status.initContainerStatuses ? { initContainerStatuses: pod.status.initContainerStatuses.map(cleanStatus) } : {}),
    },
  };
}

async function gatherScheduling(reader: ClusterReader, readOrGap: ReadOrGap): Promise<SchedulingFacts> {
  const [nodes, pods] = await Promise.all([
    readOrGap('list nodes', () => reader.list('Node'), []),
    readOrGap('list pods in all namespaces', () => reader.list('Pod', { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' }), [] as Pod[]),
  ]);
  return { nodes, boundPods: pods.filter((pod) => pod.spec.nodeName) };
}
