import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { pullAttempts, unresolvedHost } from '../images/pull-error-patterns.ts';
import {
  anonymousBecause,
  attemptsText,
  containersLabel,
  imageVars,
  pullFailuresFor,
  type ImagePullFailure,
} from '../images/image-pull-failures.ts';
import { describeChange, imageBeforeRollout, podsRunningImage } from '../images/workload-images.ts';
import type { Detector } from './detector.ts';

/**
 * ErrImagePull / ImagePullBackOff because the image is not where the reference points: the
 * registry has no such repository, tag or digest ("manifest unknown", containerd's "...: not
 * found", "NAME_UNKNOWN"), or imagePullPolicy Never and the node lacks it. Two neighbours land
 * here too, by choice (see findingForPullFailure): Docker Hub's "does not exist or may require
 * authorization" when the pod gives no pull secret, and network failures, which have no id of
 * their own and are checked the same way: is that registry host right, and reachable from the node?
 */
export const imageNotFound: Detector = {
  id: 'image-not-found',
  priority: 42,
  detect(facts: Facts): FindingDraft | undefined {
    const failures = pullFailuresFor(facts, 'image-not-found');
    const failure = failures[0];
    if (!failure) return undefined;
    const node = facts.pod?.pod.spec.nodeName;
    const who = containersLabel(failures);
    const evidence: Evidence[] = [...failure.evidence];
    const ruledOut: string[] = [];
    const vars: Record<string, string> = { ...imageVars(failure), cause: causeOf(failure) };
    if (node) vars.node = node;

    const change = imageBeforeRollout(facts, failure.container, failure.image);
    if (change) {
      evidence.push(describeChange(change));
      vars.previousImage = change.from;
    }
    const elsewhere = podsRunningImage(facts, failure.image);
    if (elsewhere.length > 0) {
      const where = elsewhere.map((p) => (p.node ? `${p.pod} on ${p.node}` : p.pod)).join(', ');
      evidence.push({ kind: 'object', source: 'other pods of the workload', text: `the same image runs in ${where}` });
    }

    const arch = facts.pod?.node?.metadata.labels?.['kubernetes.io/arch'];
    const { title, detail } = explain(failure, who, node, elsewhere.length > 0, arch);
    if (['not-found', 'access-ambiguous', 'platform-mismatch'].includes(failure.match.kind)) ruledOut.push('network: the registry answered (DNS, TCP and TLS worked)');
    if (failure.match.kind === 'not-found') ruledOut.push('credentials: the registry looked the image up and found nothing (a refusal reads 401, 403 or denied)');
    if (failure.match.kind === 'never-pull') ruledOut.push('registry: no pull was attempted (imagePullPolicy Never)');
    if (failure.parsed.ok) ruledOut.push('image name syntax: the reference parses');

    return {
      id: 'image-not-found',
      title: `${title}${attemptsText(failure)}`,
      detail: [
        detail,
        change ? `The latest rollout changed the image from ${change.from}; the previous revision ${change.previousRevision} has ${change.previousReady} ready pod(s).` : '',
        // A pull secret that cannot be read makes the pull anonymous, and some registries hide
        // private repositories behind "not found": worth a look, though often it is a stale reference.
        failure.unreadableSecrets.length ? `Note: the kubelet could not read pull secret ${failure.unreadableSecrets.join(', ')}, so the pull was anonymous; registries that hide private repositories answer "not found" to anonymous pulls.` : '',
      ]
        .filter(Boolean)
        .join(' '),
      evidence,
      ruledOut,
      vars,
      container: failure.container,
    };
  },
};

/** "linux/arm64/v8 (node pi-3)": the runtime's words when it names the platform, else the node's arch label. */
function platformOf(node: string | undefined, arch: string | undefined, failure: ImagePullFailure): string {
  const platform = /no matching manifest for (\S+) in/.exec(failure.message)?.[1] ?? (arch ? `linux/${arch}` : undefined);
  return platform ? `${platform}${node ? ` (node ${node})` : ''}` : `the platform of node ${node ?? '?'}`;
}

/** A "not found" from a private registry without pull secrets might be access in disguise. */
function mayHideAuth(failure: ImagePullFailure): boolean {
  if (!failure.parsed.ok || failure.pullSecrets.length > 0 || failure.match.kind !== 'not-found') return false;
  return !/^(docker\.io|quay\.io|ghcr\.io|registry\.k8s\.io|k8s\.gcr\.io|public\.ecr\.aws|mcr\.microsoft\.com|gcr\.io)$/.test(failure.parsed.reference.registry);
}

function causeOf(failure: ImagePullFailure): string {
  if (failure.match.kind === 'access-ambiguous') return 'not-found-or-private';
  return failure.match.kind;
}

function explain(failure: ImagePullFailure, who: string, node: string | undefined, pullsElsewhere: boolean, arch: string | undefined): { title: string; detail: string } {
  const ref = failure.parsed.ok ? failure.parsed.reference : undefined;
  const registry = ref?.registry ?? 'the registry';
  const onNode = node ? ` on node ${node}` : '';
  const runtime = failure.runtime ? ` (${failure.runtime})` : '';
  const attempts = pullAttempts(failure.message).length;
  switch (failure.match.kind) {
    case 'never-pull':
      return {
        title: `${who}: image ${failure.image} is not on node ${node ?? '?'} and imagePullPolicy is Never`,
        detail: `The kubelet will not pull ${failure.image} because the container's imagePullPolicy is Never, and the image is not present${onNode}. Either load the image onto the node (kind load, minikube image load, ctr import) or set imagePullPolicy to IfNotPresent so it is pulled.`,
      };
    case 'platform-mismatch':
      return {
        title: `${who} cannot pull ${failure.image}: no variant for ${platformOf(node, arch, failure)}`,
        detail: `${registry} has ${failure.image}, but ${failure.match.meaning}${runtime}. Build and push a multi-arch image (docker buildx --platform linux/amd64,linux/arm64), pick a tag that has this platform, or schedule the pod onto nodes of a matching architecture (nodeSelector kubernetes.io/arch).`,
      };
    case 'network': {
      const host = unresolvedHost(failure.message);
      if (host && ref && host.toLowerCase() === ref.registry.toLowerCase()) {
        return {
          title: `${who}: registry host ${host} does not resolve (no such host), so ${failure.image} cannot be pulled`,
          detail: `The image reference names the registry ${host}, and DNS${onNode} has no such host: most often a typo in the registry part of the image, or a private registry name the node's resolver does not know. Network errors have no finding of their own; this is reported as the image not being found where the reference points.`,
        };
      }
      return {
        title: `${who} cannot pull ${failure.image}: the connection to ${host ?? registry} failed (${failure.match.matched.trim()})`,
        detail: `The pull failed before the registry could serve the image${onNode}${runtime}: ${failure.match.meaning}.${pullsElsewhere ? ' Other pods of the workload run this image, so it exists: the problem is this node\'s path to the registry.' : ''} Network errors have no finding of their own; they are reported here because the image cannot be fetched from where the reference points, and the check is the same: is ${registry} the right host, and can the node reach it?`,
      };
    }
    case 'access-ambiguous': {
      // Docker Hub's official images (library/...) are all public: for them the ambiguity is gone.
      const official = ref?.registry === 'docker.io' && ref.repository.startsWith('library/');
      return {
        title: official
          ? `${who}: ${failure.image}: docker.io has no official image ${ref!.repository.slice('library/'.length)} (official images are public, so this is not credentials)`
          : `${who}: ${failure.image}: repository does not exist or is private (${registry} will not say which); ${failure.otherRegistrySecrets.length ? 'no pull secret for this registry' : 'no pull secret given'}`,
        detail: `${registry} answered that the repository does not exist or may require authorization${runtime}. Registries built like Docker Hub give this same answer for a name that does not exist and for a private repository pulled without valid credentials, so it is ambiguous.${official ? ` But ${ref!.repository} would be an official image, and those are public: the name is misspelled or the image is not on Docker Hub (built locally and never pushed, or it lives in another registry).` : ` The pull was anonymous (${anonymousBecause(failure)}), so check first that ${ref ? `${ref.repository}:${ref.tag ?? ref.digest}` : failure.image} exists and is spelled right (an image built locally and never pushed also ends here); if it is private, the fix is a pull secret.`}`,
      };
    }
    default: {
      const what = /name unknown|NAME_UNKNOWN|repository name not known/i.test(failure.message)
        ? `repository ${ref?.repository ?? failure.image} does not exist on ${registry}`
        : ref?.tagImplied
          ? `no tag latest in ${registry}/${ref.repository} (the image names no tag, so latest was pulled)`
          : `no such ${ref?.digest ? 'digest' : 'tag'} in ${registry}/${ref?.repository ?? failure.image}`;
      return {
        title: `${who} cannot pull ${failure.image}: ${what}`,
        detail: `${registry} answered the pull${runtime}: ${failure.match.meaning}. The image reference is wrong or the image was never pushed: check the ${ref?.digest ? 'digest' : 'tag'} against what the registry lists, and the build or release step that should have pushed it.${ref?.tagImplied ? ' The reference names no tag, so ":latest" was pulled; many repositories publish no latest tag.' : ''}${attempts > 1 ? ` The kubelet tried ${attempts} sets of credentials and reports every error: one attempt got into ${registry} and found nothing there, so the refusals of the others (credentials that do not apply) are not the cause.` : mayHideAuth(failure) ? ` If the image surely exists: some private registries answer "not found" to a client without access, and this pod names no pull secret, so the node's own credentials for ${registry} (if any) were all it had.` : ''}`,
      };
    }
  }
}
