import { eventsWithReason, type TimelineEvent } from '../events/timeline.ts';
import type { ClaimFacts, Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import type { StorageClass } from '../kube/types.ts';
import type { SchedulerReason } from '../scheduling/scheduler-messages.ts';
import { eventSource, readUnscheduledPod, reasonsFor, type UnscheduledPod } from '../scheduling/unscheduled-pod.ts';
import { volumeMismatches } from '../scheduling/volume-candidates.ts';
import type { Detector } from './detector.ts';

// Pending because a PersistentVolumeClaim the pod mounts is not bound: the claim does not
// exist, names a StorageClass that does not exist, has no class and no matching volume, or its
// provisioner fails or never answers. The scheduler rejects such a pod before it looks at any
// node, so this reads before every node-level finding. A claim waiting for its first consumer
// (WaitForFirstConsumer) is not a failure: it binds once the pod has a node.

const PRIORITY = 25;
/** A missing claim is certain and needs no interpretation: read it first. */
const MISSING_CLAIM_PRIORITY = 24;
/** How long a claim may wait on an external provisioner before that is worth saying. */
const PROVISIONER_PATIENCE_MS = 2 * 60_000;
const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

type Problem =
  | 'missing'
  | 'deleting'
  | 'lost'
  | 'class-missing'
  | 'provisioning-failed'
  | 'no-class'
  | 'provisioner-silent'
  | 'binding-failed'
  | 'no-matching-volume'
  | 'unbound';

/** Worst first: the order in which a person should hear about them. */
const SEVERITY: readonly Problem[] = ['missing', 'deleting', 'lost', 'class-missing', 'provisioning-failed', 'no-class', 'provisioner-silent', 'binding-failed', 'no-matching-volume', 'unbound'];

interface ClaimDiagnosis {
  claimName: string;
  volume?: string;
  problem: Problem;
  title: string;
  detail: string;
  evidence: Evidence[];
  vars: Record<string, string>;
}

export const pvcUnbound: Detector = {
  id: 'pvc-unbound',
  priority: PRIORITY,
  detect(facts: Facts): FindingDraft | undefined {
    const view = readUnscheduledPod(facts);
    if (!view) return undefined;
    const reasons = reasonsFor(view, 'volume');
    const claims = facts.pod?.claims ?? [];
    const ruledOut: string[] = [];
    const found: ClaimDiagnosis[] = [];
    for (const claim of claims) {
      // A claim that could not be read (undefined) is not a claim that does not exist (null),
      // unless the scheduler says so.
      const namedMissing = reasons.some((r) => r.kind === 'claim-missing' && r.claim === claim.claimName);
      if (claim.claim === undefined && !namedMissing) continue;
      const diagnosis = diagnoseClaim(claim, reasons, facts.now);
      if (typeof diagnosis === 'string') ruledOut.push(diagnosis);
      else found.push(diagnosis);
    }
    // Claims could not be read (a gap), but the scheduler named the problem: trust its words.
    if (found.length === 0 && ruledOut.length === 0 && reasons.length > 0) found.push(fromMessageAlone(view, reasons));
    const worst = found.sort((a, b) => SEVERITY.indexOf(a.problem) - SEVERITY.indexOf(b.problem))[0];
    if (!worst) return undefined;
    const others = found.filter((d) => d !== worst).map((d) => `Claim ${d.claimName} too: ${d.title}.`);
    return {
      id: 'pvc-unbound',
      title: worst.title,
      detail: [worst.detail, ...others].join(' '),
      evidence: [...worst.evidence, ...(view.verdict ? [view.verdict.evidence] : [])],
      ruledOut,
      vars: { claim: worst.claimName, ...(worst.volume ? { volume: worst.volume } : {}), ...worst.vars },
      priority: worst.problem === 'missing' ? MISSING_CLAIM_PRIORITY : PRIORITY,
    };
  },
};

/** A problem with one claim, or the sentence that rules it out. */
function diagnoseClaim(facts: ClaimFacts, reasons: readonly SchedulerReason[], now: Date): ClaimDiagnosis | string {
  const { claimName, volume, claim } = facts;
  const base = { claimName, volume, vars: {} as Record<string, string> };
  if (!claim) {
    return {
      ...base,
      problem: 'missing',
      title: `PersistentVolumeClaim ${claimName} does not exist; the pod mounts it as volume ${volume}`,
      detail: `The pod's volume ${volume} names claim ${claimName}, and there is no such claim in the namespace, so the scheduler will not place the pod.`,
      evidence: [{ kind: 'spec', source: `spec.volumes[${volume}].persistentVolumeClaim.claimName`, text: claimName }, { kind: 'object', source: `persistentvolumeclaim/${claimName}`, text: 'not found' }],
    };
  }
  const phase = claim.status?.phase ?? 'Pending';
  const status: Evidence = { kind: 'object', source: `persistentvolumeclaim/${claimName} status.phase`, text: phase };
  if (claim.metadata.deletionTimestamp) {
    return { ...base, problem: 'deleting', title: `Claim ${claimName} is being deleted, so the pod cannot use it`, detail: `Claim ${claimName} has a deletionTimestamp (${claim.metadata.deletionTimestamp}); kubernetes.io/pvc-protection keeps it only until no pod uses it.`, evidence: [status] };
  }
  if (phase === 'Bound') return `PVC ${claimName}: Bound${claim.spec?.volumeName ? ` to ${claim.spec.volumeName}` : ''}`;
  if (phase === 'Lost') {
    return { ...base, problem: 'lost', title: `Claim ${claimName} lost its PersistentVolume ${claim.spec?.volumeName ?? ''} (phase Lost)`.replace('  ', ' '), detail: `The volume the claim was bound to no longer exists; the data on it is gone unless a backup or snapshot exists.`, evidence: [status] };
  }

  const cls = classOf(facts);
  const events = facts.events;
  const newest = (...reasonsWanted: string[]) => eventsWithReason(events, ...reasonsWanted)[0];
  const cite = (event: TimelineEvent): Evidence => ({ kind: 'event', source: `${eventSource(event, now)} on persistentvolumeclaim/${claimName}`, text: event.message });
  const classEvidence: Evidence = cls.object
    ? { kind: 'object', source: `storageclass/${cls.object.metadata.name}`, text: `provisioner ${cls.object.provisioner ?? '?'}, volumeBindingMode ${cls.object.volumeBindingMode ?? 'Immediate'}${cls.how === 'default' ? ', the default class' : ''}` }
    : { kind: 'object', source: `persistentvolumeclaim/${claimName} spec.storageClassName`, text: claim.spec?.storageClassName ?? '(unset)' };
  const vars: Record<string, string> = {};
  if (cls.name) vars.storageClass = cls.name;
  if (cls.object?.provisioner) vars.provisioner = cls.object.provisioner;
  const known = facts.storageClasses.map((sc) => sc.metadata.name).join(', ') || 'none';

  if (cls.how === 'named' && !cls.object) {
    const failed = newest('ProvisioningFailed');
    return {
      ...base, vars, problem: 'class-missing',
      title: `Claim ${claimName} asks for StorageClass ${cls.name}, which does not exist (cluster has: ${known})`,
      detail: `No storage class named ${cls.name} exists, so nothing will provision a volume for the claim. StorageClasses in the cluster: ${known}.`,
      evidence: [status, classEvidence, ...(failed ? [cite(failed)] : [])],
    };
  }
  const failed = newest('ProvisioningFailed');
  const succeeded = newest('ProvisioningSucceeded');
  if (failed && (!succeeded || Date.parse(failed.lastSeen ?? '') >= Date.parse(succeeded.lastSeen ?? ''))) {
    return {
      ...base, vars, problem: 'provisioning-failed',
      title: `Provisioning a volume for claim ${claimName}${cls.name ? ` (StorageClass ${cls.name})` : ''} fails: ${firstLine(failed.message)}`,
      detail: `The provisioner${cls.object?.provisioner ? ` ${cls.object.provisioner}` : ''} tried ${failed.count} time${failed.count === 1 ? '' : 's'} and reported an error each time; the claim stays Pending until it succeeds.`,
      evidence: [status, classEvidence, cite(failed)],
    };
  }
  const binding = newest('FailedBinding');
  // Volumes that look free but do not bind: what a person looks at next, and why they do not.
  const near = facts.persistentVolumes ? volumeMismatches(claim, facts.persistentVolumes).slice(0, 3) : [];
  const nearest = near[0];
  const nearEvidence: Evidence[] = near.map((m) => ({ kind: 'object', source: `persistentvolume/${m.name} ${m.field}`, text: `${m.summary}: ${m.reasons.join('; ')}` }));
  const nearSentence = near.length > 0 ? ` ${near.map((m) => `PersistentVolume ${m.name} (${m.summary}) ${m.reasons.join(', and ')}.`).join(' ')}` : '';
  if (cls.how === 'none' || (binding && /no storage class is set/i.test(binding.message))) {
    const explicit = claim.spec?.storageClassName === '';
    const laterDefault = facts.storageClasses.find(isDefaultClass);
    const volumes = nearest
      ? `; PersistentVolume ${nearest.name} is ${nearest.summary.split(', ').pop()} but ${nearest.reasons[0]!.split(', while')[0]}`
      : ', and no PersistentVolume is available for it';
    return {
      ...base, vars, problem: 'no-class',
      title: `Claim ${claimName} has no storage class${explicit ? ' (storageClassName: "")' : ' and the cluster has no default one'}${volumes}`,
      detail:
        `${explicit ? 'The claim opts out of dynamic provisioning' : 'Without a storage class nothing provisions a volume'}, so it can only bind to a pre-created PersistentVolume with no class that matches its size and access modes, and none does.` +
        nearSentence +
        (laterDefault && !explicit ? ` A default class (${laterDefault.metadata.name}) exists now, but the claim was created before it and clusters before 1.28 do not assign it retroactively.` : ''),
      evidence: [status, classEvidence, ...(binding ? [cite(binding)] : []), ...nearEvidence],
    };
  }
  const waitsForConsumer = cls.object?.volumeBindingMode === 'WaitForFirstConsumer';
  const volumeReason = reasons.find((r) => r.kind === 'no-volume' || r.kind === 'volume-binding');
  if (waitsForConsumer && volumeReason?.kind === 'no-volume') {
    return {
      ...base, vars, problem: 'no-matching-volume',
      title: `No PersistentVolume of StorageClass ${cls.name} fits claim ${claimName} on any node the pod can use`,
      detail: `The class binds on first consumer with provisioner ${cls.object?.provisioner ?? '?'}; the scheduler found no available volume for the claim on the candidate nodes (${volumeReason.text}).`,
      evidence: [status, classEvidence],
    };
  }
  const external = newest('ExternalProvisioning');
  // With WaitForFirstConsumer, provisioning starts only once the scheduler picked a node.
  const selectedNode = claim.metadata.annotations?.['volume.kubernetes.io/selected-node'];
  const waitingSince = Date.parse(external?.firstSeen ?? claim.metadata.creationTimestamp ?? '');
  // A PreBind timeout means the scheduler itself gave up waiting for this provisioner.
  const gaveUp = volumeReason?.kind === 'volume-binding';
  if (external && (!waitsForConsumer || selectedNode) && (gaveUp || now.getTime() - waitingSince > PROVISIONER_PATIENCE_MS)) {
    const provisioner = /provisioner ['"]([^'"]+)['"]/.exec(external.message)?.[1] ?? cls.object?.provisioner ?? '?';
    vars.provisioner = provisioner;
    return {
      ...base, vars, problem: 'provisioner-silent',
      title: `Claim ${claimName} has waited ${Math.round((now.getTime() - waitingSince) / 60_000)}m for provisioner ${provisioner}, which has not created a volume`,
      detail: `The persistentvolume-controller handed the claim to the external provisioner ${provisioner} and keeps waiting (x${external.count}); no provisioner answered, which usually means its controller is not running or not registered under that name.`,
      evidence: [status, classEvidence, cite(external)],
    };
  }
  if (binding) {
    return { ...base, vars, problem: 'binding-failed', title: `Claim ${claimName} cannot bind: ${firstLine(binding.message)}`, detail: `The persistentvolume-controller could not bind the claim to a volume.${nearSentence}`, evidence: [status, classEvidence, cite(binding), ...nearEvidence] };
  }
  if (waitsForConsumer && !volumeReason) return `PVC ${claimName}: waits for its first consumer (StorageClass ${cls.name}, WaitForFirstConsumer), which is expected until the pod has a node`;
  if (reasons.length > 0) {
    return {
      ...base, vars, problem: 'unbound',
      title: `Claim ${claimName} is not bound${cls.name ? ` (StorageClass ${cls.name})` : ''}, and the scheduler will not place the pod until it is`,
      detail: `The claim is ${phase}${volumeReason ? `; the scheduler reports: ${volumeReason.text}` : ''}.${nearSentence}`,
      evidence: [status, classEvidence, ...nearEvidence],
    };
  }
  return `PVC ${claimName}: ${phase}, no failure reported yet`;
}

function fromMessageAlone(view: UnscheduledPod, reasons: readonly SchedulerReason[]): ClaimDiagnosis {
  const named = reasons.find((r) => r.claim);
  const mounted = (view.pod.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => v.persistentVolumeClaim!.claimName);
  const claimName = named?.claim ?? mounted.join(', ');
  const missing = reasons.some((r) => r.kind === 'claim-missing');
  return {
    claimName,
    problem: missing ? 'missing' : 'unbound',
    title: missing ? `PersistentVolumeClaim ${claimName} does not exist` : `The scheduler reports unbound claims (${claimName || 'unknown'}): ${reasons[0]!.text}`,
    detail: 'The claims could not be read, so this rests on the scheduler\'s message.',
    evidence: [],
    vars: {},
  };
}

function classOf(facts: ClaimFacts): { name?: string; object?: StorageClass | null; how: 'named' | 'default' | 'none' } {
  const name = facts.claim?.spec?.storageClassName;
  if (name) return { name, object: facts.storageClasses.find((sc) => sc.metadata.name === name) ?? (facts.storageClass?.metadata.name === name ? facts.storageClass : null), how: 'named' };
  if (name === '') return { how: 'none' };
  const fallback = facts.storageClass ?? facts.storageClasses.find(isDefaultClass);
  return fallback ? { name: fallback.metadata.name, object: fallback, how: 'default' } : { how: 'none' };
}

function isDefaultClass(sc: StorageClass): boolean {
  return DEFAULT_CLASS_ANNOTATIONS.some((key) => sc.metadata.annotations?.[key] === 'true');
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
