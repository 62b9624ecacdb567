import { citeEvent } from '../events/cite-event.ts';
import { containerOfEvent, eventsWithReason, type TimelineEvent } from '../events/timeline.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence } from '../findings/finding.ts';
import type { FindingId } from '../findings/finding-ids.ts';
import { containerViews, type ContainerView } from '../kube/pod-status.ts';
import type { Pod } from '../kube/types.ts';
import { parseImageReference, qualifiedName, versionOf, type ParsedImage } from './image-reference.ts';
import { classifyPullError, runtimeOfPullError, type PullErrorMatch } from './pull-error-patterns.ts';
import { isIntegratedRegistry, isIntegratedRegistryToken, registryService } from './registry-hosts.ts';

// One container that cannot get its image, with everything the four image detectors cite:
// the reference as parsed, the error the runtime gave and where it was read, the pull secrets
// in play. Gathered here once so the detectors only decide what the failure means.

/** Waiting reasons the kubelet sets while it cannot get an image (pkg/kubelet/images/types.go). */
const PULL_WAITING_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);

export interface ImagePullFailure {
  container: string;
  init: boolean;
  /** The image as the pod spec names it. */
  image: string;
  parsed: ParsedImage;
  waitingReason: string;
  /** The classified error, from the newest message that we could read. */
  match: PullErrorMatch;
  message: string;
  /** docker, containerd or CRI-O, when its phrasing says. */
  runtime?: string;
  /** How many pulls failed, from the kubelet's Failed events. */
  failedPulls: number;
  /** Pull secrets that can hold credentials for this image's registry. */
  pullSecrets: string[];
  /** Pull secrets the pod names that cannot apply to this registry (OpenShift's integrated-registry tokens). */
  otherRegistrySecrets: string[];
  /** Pull secrets the kubelet could not read (FailedToRetrieveImagePullSecret). */
  unreadableSecrets: string[];
  serviceAccount: string;
  evidence: Evidence[];
}

/** Every container of the pod that is waiting on its image and whose error we can read. */
export function imagePullFailures(facts: Facts): ImagePullFailure[] {
  const podFacts = facts.pod;
  if (!podFacts || podFacts.pod.metadata.deletionTimestamp) return [];
  const failures: ImagePullFailure[] = [];
  for (const view of containerViews(podFacts.pod)) {
    const waiting = view.status?.state?.waiting;
    if (!waiting?.reason || !PULL_WAITING_REASONS.has(waiting.reason)) continue;
    const failure = readFailure(facts, view, waiting.reason, waiting.message ?? '');
    if (failure) failures.push(failure);
  }
  // Init containers run first: their failure is the one blocking everything else.
  return failures.sort((a, b) => Number(b.init) - Number(a.init));
}

function readFailure(facts: Facts, view: ContainerView, waitingReason: string, waitingMessage: string): ImagePullFailure | undefined {
  const pod = facts.pod!.pod;
  const image = view.spec?.image ?? view.status?.image ?? '';
  // Kubelet pull events name their container in fieldPath; a one-container pod's events are its own even without it.
  const alone = containerViews(pod).length === 1;
  const events = facts.pod!.events.filter((event) => (containerOfEvent(event) === view.name || (alone && !event.fieldPath)) && mentionsImage(event, image));
  const statusPath = `status.${view.init ? 'initContainerStatuses' : 'containerStatuses'}[${view.name}].state.waiting`;

  // The status message is the freshest: under ErrImagePull it is the runtime's error, and from
  // Kubernetes 1.32 ImagePullBackOff carries it too ("Back-off pulling image "x": ErrImagePull: ...").
  // Older kubelets only say "Back-off pulling image", so the Failed events are read next, newest first.
  const candidates: { message: string; evidence: Evidence }[] = [];
  const fromStatus = stripBackOff(waitingMessage);
  if (fromStatus) candidates.push({ message: fromStatus, evidence: { kind: 'status', source: statusPath, text: `${waitingReason}: ${waitingMessage}` } });
  for (const event of errorEvents(events)) candidates.push({ message: event.message, evidence: citeEvent(event, facts.now) });

  let chosen: { message: string; evidence: Evidence; match: PullErrorMatch } | undefined;
  for (const candidate of candidates) {
    const match = classifyPullError(candidate.message);
    if (match) {
      chosen = { ...candidate, match };
      break;
    }
  }
  if (!chosen) return undefined;

  const evidence: Evidence[] = [];
  if (chosen.evidence.kind !== 'status') evidence.push({ kind: 'status', source: statusPath, text: `${waitingReason}${waitingMessage ? `: ${waitingMessage}` : ''}` });
  evidence.push(chosen.evidence);
  const parsed = parseImageReference(image);
  evidence.push({ kind: 'spec', source: `spec.${view.init ? 'initContainers' : 'containers'}[${view.name}].image`, text: describeImage(parsed) });

  const serviceAccount = pod.spec.serviceAccountName ?? 'default';
  const named = (pod.spec.imagePullSecrets ?? []).map((ref) => ref.name).filter(Boolean);
  const elsewhere = parsed.ok && !isIntegratedRegistry(parsed.reference.registry);
  const otherRegistrySecrets = elsewhere ? named.filter((name) => isIntegratedRegistryToken(name, serviceAccount)) : [];
  const pullSecrets = named.filter((name) => !otherRegistrySecrets.includes(name));
  const unreadable = eventsWithReason(facts.pod!.events, 'FailedToRetrieveImagePullSecret');
  const unreadableSecrets = [...new Set(unreadable.flatMap((event) => secretsNamedIn(event.message)))];
  evidence.push({ kind: 'spec', source: 'spec.imagePullSecrets', text: describePullSecrets(pod, named, otherRegistrySecrets, parsed) });
  if (unreadable[0]) evidence.push(citeEvent(unreadable[0], facts.now));

  const failedPulls = eventsWithReason(events, 'Failed')
    .filter((event) => /^Failed to pull image/.test(event.message))
    .reduce((sum, event) => sum + event.count, 0);

  return {
    container: view.name,
    init: view.init,
    image,
    parsed,
    waitingReason,
    match: chosen.match,
    message: chosen.message,
    runtime: runtimeOfPullError(chosen.message),
    failedPulls,
    pullSecrets,
    otherRegistrySecrets,
    unreadableSecrets,
    serviceAccount,
    evidence,
  };
}

/** Events that carry the runtime's error: Failed (pull), InspectFailed (bad name), ErrImageNeverPull. */
function errorEvents(events: readonly TimelineEvent[]): TimelineEvent[] {
  return eventsWithReason(events, 'Failed', 'InspectFailed', 'ErrImageNeverPull').filter(
    // "Error: ErrImagePull" repeats the waiting reason and explains nothing.
    (event) => !/^Error: \w+$/.test(event.message),
  );
}

function mentionsImage(event: TimelineEvent, image: string): boolean {
  // Events quote the image; an event about an earlier image of a patched pod is not this failure.
  return !image || !event.message.includes('image "') || event.message.includes(`"${image}"`);
}

function stripBackOff(message: string): string {
  const backOff = /^Back-off pulling image "[^"]*"(?::\s*(?:\w+:\s*)?(.*))?$/s.exec(message);
  if (backOff) return backOff[1] ?? '';
  return message;
}

function secretsNamedIn(message: string): string[] {
  const names = /image pull secrets \(([^)]*)\)/.exec(message)?.[1] ?? '';
  return names.split(/[,\s]+/).map((name) => name.replace(/^<|>$/g, '')).filter(Boolean);
}

export function describeImage(parsed: ParsedImage): string {
  if (!parsed.ok) return `"${parsed.raw}": cannot be parsed: ${parsed.problem}`;
  const ref = parsed.reference;
  const parts = [`registry ${ref.registry}${ref.registryImplied ? ' (implied: no registry named)' : ''}`, `repository ${ref.repository}`];
  if (ref.digest) parts.push(`digest ${ref.digest}`);
  if (ref.tag && !(ref.digest && ref.tagImplied)) parts.push(`tag ${ref.tag}${ref.tagImplied ? ' (implied: no tag named)' : ''}`);
  return `${ref.raw} -> ${parts.join(', ')}`;
}

function describePullSecrets(pod: Pod, secrets: string[], otherRegistry: string[], parsed: ParsedImage): string {
  const account = pod.spec.serviceAccountName ?? 'default';
  if (secrets.length === 0) {
    // The ServiceAccount admission plugin copies the account's imagePullSecrets into a pod that
    // names none, so an empty list means the account had none when the pod was created.
    return `none: the pod names no imagePullSecrets, so service account "${account}" had none when the pod was created`;
  }
  const registry = parsed.ok ? parsed.reference.registry : 'this registry';
  const note = otherRegistry.length
    ? `; ${otherRegistry.join(', ')} ${otherRegistry.length > 1 ? 'are' : 'is'} OpenShift's token for its integrated registry, with no credentials for ${registry}`
    : '';
  return `${secrets.join(', ')} (service account "${account}")${note}`;
}

/** Why a pull with no usable pull secret was anonymous, as one clause: "the pod names no imagePullSecrets and ...". */
export function anonymousBecause(failure: ImagePullFailure): string {
  const registry = failure.parsed.ok ? failure.parsed.reference.registry : 'the registry';
  const other = failure.otherRegistrySecrets;
  if (other.length > 0) {
    return `the pod's only pull secret${other.length > 1 ? 's' : ''} (${other.join(', ')}) ${other.length > 1 ? 'are' : 'is'} OpenShift's token for its integrated registry, with no credentials for ${registry}`;
  }
  return `the pod names no imagePullSecrets and its service account "${failure.serviceAccount}" had none when the pod was created`;
}

/** Values every image finding gives its playbook. */
export function imageVars(failure: ImagePullFailure): Record<string, string> {
  const vars: Record<string, string> = { container: failure.container, image: failure.image, serviceAccount: failure.serviceAccount };
  if (failure.parsed.ok) {
    const ref = failure.parsed.reference;
    vars.registry = ref.registry;
    vars.repository = ref.repository;
    vars.reference = qualifiedName(ref);
    vars.version = versionOf(ref);
    if (ref.tag) vars.tag = ref.tag;
    if (ref.digest) vars.digest = ref.digest;
    const service = registryService(ref.registry);
    if (service) vars.registryService = service.name;
  }
  if (failure.pullSecrets.length > 0) vars.secret = failure.pullSecrets[0]!;
  if (failure.pullSecrets.length > 0) vars.pullSecrets = failure.pullSecrets.join(', ');
  if (failure.runtime) vars.runtime = failure.runtime;
  return vars;
}

/** Which finding a pull failure is, for the four image detectors to agree on one owner each. */
export function findingForPullFailure(failure: ImagePullFailure): FindingId {
  switch (failure.match.kind) {
    case 'rate-limited':
      return 'image-pull-rate-limited';
    case 'invalid-name':
      return 'invalid-image-name';
    case 'unauthorized':
      return 'image-pull-unauthorized';
    case 'access-ambiguous':
      // The registry will not say whether the repository is missing or private. With pull
      // secrets in the spec someone knew it was private and credentials were refused; with none
      // the reference itself is the first thing to check (a typo, an image never pushed).
      return failure.pullSecrets.length > 0 ? 'image-pull-unauthorized' : 'image-not-found';
    case 'not-found':
    case 'never-pull':
    case 'platform-mismatch':
    case 'network':
      // Network errors have no id of their own. What a person reads first is that the image
      // cannot be fetched from where the reference points: a typo'd registry host is a
      // reference that does not exist, and an unreachable or untrusted one is checked the same
      // way (from the node). The title says it is the network, and vars.cause is "network".
      return 'image-not-found';
  }
}

/** The pull failures one detector owns, blocking (init) containers first. */
export function pullFailuresFor(facts: Facts, id: FindingId): ImagePullFailure[] {
  return imagePullFailures(facts).filter((failure) => findingForPullFailure(failure) === id);
}

/** "api" or "api (and 2 more containers)": one title line even when several containers fail alike. */
export function containersLabel(failures: readonly ImagePullFailure[]): string {
  const first = failures[0]!;
  const name = first.init ? `init container ${first.container}` : first.container;
  return failures.length > 1 ? `${name} (and ${failures.length - 1} more container${failures.length > 2 ? 's' : ''})` : name;
}

/** How many attempts failed, for a title: "7 failed pulls" or "". */
export function attemptsText(failure: ImagePullFailure): string {
  return failure.failedPulls > 1 ? `; ${failure.failedPulls} failed pulls` : '';
}
