import { citeEvent } from '../events/cite-event.ts';
import { eventsWithReason, type TimelineEvent } from '../events/timeline.ts';
import type { ClaimFacts, Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { containerViews } from '../kube/pod-status.ts';
import type { Pod } from '../kube/types.ts';
import { agoText } from '../time/elapsed.ts';
import type { Detector } from './detector.ts';

/**
 * Stuck in ContainerCreating because a volume will not attach or mount. The kubelet's volume
 * manager reports FailedMount ("MountVolume.SetUp failed for volume "x" : configmap "y" not
 * found", "... mount failed: exit status 32 ... mount.nfs: Connection timed out", "driver name
 * x not found in the list of registered CSI drivers") and, once it gives up waiting, the summary
 * "Unable to attach or mount volumes: unmounted volumes=[...]: timed out waiting for the
 * condition" (1.17+; before: "timeout expired waiting for volumes to attach or mount ... list of
 * unmounted volumes=[...]"). The attach/detach controller reports FailedAttachVolume ("Multi-
 * Attach error for volume ... Volume is already exclusively attached to one node", "AttachVolume.
 * Attach failed ..."); block volumes FailedMapVolume. The specific error names the cause; the
 * summary only names the volume, so it is the fallback.
 */
const MOUNT_REASONS = ['FailedMount', 'FailedAttachVolume', 'FailedMapVolume'];

interface VolumeError {
  /** Volume as the message names it: the pod's volume, or a PersistentVolume name. */
  volume?: string;
  cause: string;
  vars: Record<string, string>;
  /** Kubelet cache hiccups that resolve on their own: never the cause on their own. */
  transient?: boolean;
  /** The echo of an earlier failure of the same volume: the cause only when nothing else is left. */
  echo?: boolean;
}

const VOLUME_ERRORS: readonly { pattern: RegExp; read: (m: RegExpExecArray) => VolumeError }[] = [
  {
    pattern: /Multi-Attach error for volume "([^"]+)" Volume is already (?:used by pod\(s\) ([^\n]+?)(?: and can't|$)|exclusively attached to one node)/,
    read: (m) => ({
      volume: m[1],
      cause: m[2]
        ? `the volume is ReadWriteOnce and still attached for pod(s) ${m[2].trim()} on another node`
        : 'the volume is ReadWriteOnce and still attached to another node (the old pod or node has not released it)',
      vars: { cause: 'multi-attach', ...(m[2] ? { holders: m[2].trim() } : {}) },
    }),
  },
  {
    pattern: /failed for volume "([^"]+)" : configmaps? "([^"]+)" not found/,
    read: (m) => ({ volume: m[1], cause: `ConfigMap ${m[2]} does not exist`, vars: { cause: 'configmap-missing', configMap: m[2]! } }),
  },
  {
    pattern: /failed for volume "([^"]+)" : secrets? "([^"]+)" not found/,
    read: (m) => ({ volume: m[1], cause: `Secret ${m[2]} does not exist`, vars: { cause: 'secret-missing', secret: m[2]! } }),
  },
  {
    pattern: /failed for volume "([^"]+)" : (configmap|secret) references non-existent (?:config|secret) key: (\S+)/,
    read: (m) => ({ volume: m[1], cause: `the ${m[2] === 'secret' ? 'Secret' : 'ConfigMap'} has no key ${m[3]}, which the volume's items list`, vars: { cause: `${m[2]}-key-missing`, key: m[3]! } }),
  },
  {
    pattern: /failed for volume "([^"]+)" : .*?driver name (\S+) not found in the list of registered CSI drivers/,
    read: (m) => ({ volume: m[1], cause: `CSI driver ${m[2]} is not registered on this node (its node plugin pod is not running here)`, vars: { cause: 'csi-driver-missing', driver: m[2]! } }),
  },
  {
    pattern: /failed for volume "([^"]+)" : object "[^"]+"\/"([^"]+)" not registered/,
    read: (m) => ({ volume: m[1], cause: `the kubelet had not yet cached ${m[2]}`, vars: { cause: 'kubelet-cache' }, transient: true }),
  },
  {
    pattern: /failed for volume "([^"]+)" : failed to sync (\w+) cache/,
    read: (m) => ({ volume: m[1], cause: `the kubelet's ${m[2]} cache was not synced yet`, vars: { cause: 'kubelet-cache' }, transient: true }),
  },
  {
    pattern: /failed for volume "([^"]+)" : [^]*?(mount\.nfs4?: [^\n]+|mount error\(\d+\): [^\n]+)/,
    read: (m) => ({ volume: m[1], cause: `the mount command failed: ${m[2]!.trim()}`, vars: { cause: 'mount-command' } }),
  },
  {
    pattern: /failed for volume "([^"]+)" : hostPath type check failed: ([^\n]+)/,
    read: (m) => ({ volume: m[1], cause: `hostPath type check failed: ${m[2]}`, vars: { cause: 'hostpath' } }),
  },
  {
    // CSI sidecars and drivers refuse a call while an earlier one for the same volume is still
    // running (csi-lib-utils' VolumeLocks): the earlier, usually hung, call holds the cause.
    pattern: /failed for volume "([^"]+)" : .*?[Aa]n operation with the given Volume ID (\S+) already exists/,
    read: (m) => ({ volume: m[1], cause: `an earlier call for volume ${m[2]} is still running in the CSI driver (usually hung on storage that does not answer), so each retry is refused`, vars: { cause: 'operation-pending' }, echo: true }),
  },
  {
    pattern: /((?:MountVolume|MapVolume)\.\w+) failed for volume "([^"]+)" : rpc error: code = DeadlineExceeded desc = ([^\n]+)/,
    read: (m) => ({ volume: m[2], cause: `the CSI driver did not finish ${m[1]} in time (${m[3]!.trim()}): the storage behind the volume did not answer, or answered too slowly`, vars: { cause: 'csi-timeout' } }),
  },
  {
    pattern: /AttachVolume\.Attach failed for volume "([^"]+)" : ([^\n]+)/,
    read: (m) => ({ volume: m[1], cause: `attaching failed: ${m[2]!.trim()}`, vars: { cause: 'attach' } }),
  },
  {
    pattern: /((?:MountVolume|MapVolume|UnmapVolume)\.\w+(?: initialization)?) failed for volume "([^"]+)" : ([^\n]+)/,
    read: (m) => ({ volume: m[2], cause: `${m[1]} failed: ${m[3]!.trim()}`, vars: { cause: 'mount' } }),
  },
];

/** The volume manager's summary: which volumes are still not mounted after it gave up waiting. */
const SUMMARY = /(?:list of )?unmounted volumes=\[([^\]]*)\]/;

export const mountFailed: Detector = {
  id: 'mount-failed',
  priority: 48,
  detect(facts: Facts): FindingDraft | undefined {
    const podFacts = facts.pod;
    if (!podFacts) return undefined;
    const pod = podFacts.pod;
    if (pod.metadata.deletionTimestamp || !pod.spec.nodeName || !waitingForVolumes(pod)) return undefined;
    const events = eventsWithReason(podFacts.events, ...MOUNT_REASONS).filter((event) => event.type === 'Warning');
    if (events.length === 0) return undefined;

    const read = events.flatMap((event) => {
      const entry = VOLUME_ERRORS.map(({ pattern, read: r }) => ({ match: pattern.exec(event.message), read: r })).find((e) => e.match);
      return entry ? [{ event, error: entry.read(entry.match!) }] : [];
    });
    const summary = events.find((event) => SUMMARY.test(event.message));
    // Cache hiccups ("object ... not registered") show up on healthy pods too: alone they prove nothing.
    const primary = read.find((entry) => !entry.error.transient && !entry.error.echo) ?? read.find((entry) => !entry.error.transient);
    const stuckVolumes = summary ? (SUMMARY.exec(summary.message)?.[1] ?? '').split(/[\s,]+/).filter(Boolean) : [];
    if (!primary && stuckVolumes.length === 0) return undefined;

    const volumeName = primary?.error.volume ?? stuckVolumes[0]!;
    const { volume, claim } = podVolume(podFacts.claims, volumeName);
    const node = pod.spec.nodeName;
    const evidence: Evidence[] = [];
    if (primary) evidence.push(citeEvent(primary.event, facts.now));
    if (summary && summary !== primary?.event) evidence.push(citeEvent(summary, facts.now));
    evidence.push({ kind: 'status', source: 'status.containerStatuses', text: `no container has started; the pod is ${pod.status?.phase ?? 'Pending'} (${waitingReasons(pod)})` });
    const source = volumeSource(pod, volume);
    if (source) evidence.push({ kind: 'spec', source: `spec.volumes[${volume}]`, text: source });
    if (claim?.claim?.status?.phase) evidence.push({ kind: 'object', source: `PersistentVolumeClaim ${claim.claimName}`, text: `phase ${claim.claim.status.phase}${claim.claim.spec?.accessModes ? `, access modes ${claim.claim.spec.accessModes.join(', ')}` : ''}${claim.claim.spec?.volumeName ? `, volume ${claim.claim.spec.volumeName}` : ''}` });

    let cause = primary?.error.cause ?? 'the kubelet timed out waiting for it to attach or mount, and the specific error is no longer in the events';
    const holderNodes = holdersOn(facts, primary?.error.vars.holders);
    if (holderNodes) cause = cause.replace('on another node', `on ${holderNodes}`);
    const vars: Record<string, string> = { volume, node: node!, ...(primary?.error.vars ?? { cause: 'timeout' }) };
    if (claim) vars.claim = claim.claimName;
    const specVolume = (pod.spec.volumes ?? []).find((v) => v.name === volume);
    if (specVolume?.configMap?.name) vars.configMap ??= specVolume.configMap.name;
    if (specVolume?.secret?.secretName) vars.secret ??= specVolume.secret.secretName;
    if (volumeName !== volume) vars.persistentVolume = volumeName;
    const since = agoText(pod.status?.startTime ?? pod.metadata.creationTimestamp ?? firstSeen(events), facts.now);
    const label = claim ? `volume "${volume}" (PVC ${claim.claimName})` : `volume "${volume}"`;

    return {
      id: 'mount-failed',
      title: `Stuck in ContainerCreating${since ? ` (${since.replace(/ ago$/, '')})` : ''}: ${label} cannot ${/attach/i.test(primary?.event.reason ?? '') ? 'attach' : 'mount'} on ${node}: ${cause}`,
      detail: [
        `The kubelet on ${node} will not start any container until every volume is mounted, and ${label} is not: ${cause}.`,
        stuckVolumes.length > 1 ? `Volumes still unmounted: ${stuckVolumes.join(', ')}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      evidence,
      ruledOut: claim?.claim?.status?.phase === 'Bound' ? [`PVC ${claim.claimName} is Bound: the claim itself is fine`] : [],
      vars,
    };
  },
};

/** The pod has not started: containers are still being created, so a volume may be what blocks it. */
function waitingForVolumes(pod: Pod): boolean {
  if (pod.status?.phase && pod.status.phase !== 'Pending') return false;
  const views = containerViews(pod);
  return !views.some((view) => view.status?.state?.running || view.status?.state?.terminated);
}

function waitingReasons(pod: Pod): string {
  const reasons = containerViews(pod).map((view) => view.status?.state?.waiting?.reason).filter(Boolean);
  return reasons.length ? [...new Set(reasons)].join(', ') : 'no container status yet';
}

/** Messages name a PersistentVolume ("pvc-0a4b...") for claims: map it back to the pod's volume. */
function podVolume(claims: ClaimFacts[], named: string): { volume: string; claim?: ClaimFacts } {
  const byVolume = claims.find((claim) => claim.volume === named);
  if (byVolume) return { volume: named, claim: byVolume };
  const byPV = claims.find((claim) => claim.claim?.spec?.volumeName === named || claim.volumeObject?.metadata.name === named);
  if (byPV) return { volume: byPV.volume, claim: byPV };
  return { volume: named };
}

function volumeSource(pod: Pod, name: string): string | undefined {
  const volume = (pod.spec.volumes ?? []).find((v) => v.name === name);
  if (!volume) return undefined;
  if (volume.persistentVolumeClaim) return `persistentVolumeClaim ${volume.persistentVolumeClaim.claimName}`;
  if (volume.configMap) return `configMap ${volume.configMap.name}${volume.configMap.optional ? ' (optional)' : ''}`;
  if (volume.secret) return `secret ${volume.secret.secretName}${volume.secret.optional ? ' (optional)' : ''}`;
  if (volume.csi) return `csi driver ${volume.csi.driver}`;
  if (volume.hostPath) return `hostPath ${volume.hostPath.path}${volume.hostPath.type ? ` (type ${volume.hostPath.type})` : ''}`;
  const nfs = volume.nfs as { server?: string; path?: string } | undefined;
  if (nfs) return `nfs ${nfs.server}:${nfs.path}`;
  const kind = Object.keys(volume).find((key) => key !== 'name');
  return kind;
}

/** Where the pods holding a ReadWriteOnce volume run, when they belong to the same workload. */
function holdersOn(facts: Facts, holders: string | undefined): string | undefined {
  if (!holders) return undefined;
  const nodes = holders
    .split(/[\s,]+/)
    .map((name) => facts.workload?.pods.find((pod) => pod.metadata.name === name)?.spec.nodeName)
    .filter((node): node is string => Boolean(node));
  return nodes.length ? `node ${[...new Set(nodes)].join(', ')}` : undefined;
}

function firstSeen(events: TimelineEvent[]): string | undefined {
  return events.map((e) => e.firstSeen).filter((t): t is string => Boolean(t)).sort()[0];
}
