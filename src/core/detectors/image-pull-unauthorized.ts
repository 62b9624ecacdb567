import type { Facts } from '../facts/facts.ts';
import type { FindingDraft } from '../findings/finding.ts';
import { anonymousBecause, attemptsText, containersLabel, imageVars, pullFailuresFor, type ImagePullFailure } from '../images/image-pull-failures.ts';
import { registryService } from '../images/registry-hosts.ts';
import { podsRunningImage } from '../images/workload-images.ts';
import type { Detector } from './detector.ts';

/**
 * ErrImagePull / ImagePullBackOff because the registry refused the pull: 401 (no credentials
 * or wrong ones: docker "unauthorized: authentication required", "no basic auth credentials";
 * containerd "failed to fetch anonymous token: ... 401 Unauthorized"; CRI-O "unauthorized:
 * access to the requested resource is not authorized"), 403 (valid credentials without pull
 * rights: Artifact Registry's 'Permission "artifactregistry.repositories.downloadArtifacts"
 * denied'), and Docker Hub's "does not exist or may require authorization" when the pod does
 * give pull secrets, since then the repository is known to be private.
 */
export const imagePullUnauthorized: Detector = {
  id: 'image-pull-unauthorized',
  priority: 41,
  detect(facts: Facts): FindingDraft | undefined {
    const failures = pullFailuresFor(facts, 'image-pull-unauthorized');
    const failure = failures[0];
    if (!failure) return undefined;
    const namespace = facts.pod?.pod.metadata.namespace ?? facts.namespace;
    const registry = failure.parsed.ok ? failure.parsed.reference.registry : 'the registry';
    const service = failure.parsed.ok ? registryService(registry) : undefined;
    const vars: Record<string, string> = { ...imageVars(failure), namespace };
    if (failure.unreadableSecrets.length > 0) vars.missingSecret = failure.unreadableSecrets.join(', ');
    const node = facts.pod?.pod.spec.nodeName;
    if (node) vars.node = node;

    const ruledOut = ['network: the registry answered (DNS, TCP and TLS worked)'];
    if (failure.parsed.ok) ruledOut.push('image name syntax: the reference parses');
    const elsewhere = podsRunningImage(facts, failure.image);
    const evidence = [...failure.evidence];
    if (elsewhere.length > 0) {
      evidence.push({ kind: 'object', source: 'other pods of the workload', text: `the same image was pulled for ${elsewhere.map((p) => (p.node ? `${p.pod} on ${p.node}` : p.pod)).join(', ')}` });
    }

    return {
      id: 'image-pull-unauthorized',
      title: `${containersLabel(failures)} cannot pull ${failure.image}: ${registry} refused access (${refusal(failure)}); ${secretsSummary(failure)}${attemptsText(failure)}`,
      detail: [
        `${registry} refused the pull${failure.runtime ? ` (${failure.runtime})` : ''}: ${failure.match.meaning}.`,
        credentialsStory(failure, namespace, registry),
        service ? `${service.name}: ${service.credentials}.` : '',
        elsewhere.length > 0 ? 'Other pods of the workload pulled this image, so the image exists: compare their nodes and pull secrets with this pod\'s.' : '',
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

/** The registry's words, shortened to what it answered. */
function refusal(failure: ImagePullFailure): string {
  const status = /\b(401 Unauthorized|403 Forbidden)\b/i.exec(failure.message)?.[1];
  if (status) return status;
  if (failure.match.kind === 'access-ambiguous') return 'repository does not exist or may require authorization';
  return failure.match.matched.replace(/[:\s]+$/, '');
}

function secretsSummary(failure: ImagePullFailure): string {
  if (failure.unreadableSecrets.length > 0) return `pull secret ${failure.unreadableSecrets.join(', ')} could not be read`;
  if (failure.pullSecrets.length === 0) return failure.otherRegistrySecrets.length ? 'no pull secret for this registry' : 'no pull secret given';
  return `pull secret ${failure.pullSecrets.join(', ')} was used`;
}

function credentialsStory(failure: ImagePullFailure, namespace: string, registry: string): string {
  if (failure.unreadableSecrets.length > 0) {
    return `The kubelet could not read the pull secret ${failure.unreadableSecrets.join(', ')} (FailedToRetrieveImagePullSecret), so it pulled without it: the Secret does not exist in namespace ${namespace} under that name (pull secrets are read from the pod's own namespace).`;
  }
  if (failure.pullSecrets.length === 0) {
    return `${capitalize(anonymousBecause(failure))}, so the pull was anonymous (unless the node itself holds credentials for ${registry}). Registries that hide private repositories answer the same for a name that does not exist, so check the spelling too.`;
  }
  if (failure.match.kind === 'access-ambiguous') {
    return `The pod pulls with ${failure.pullSecrets.join(', ')}, so the repository is expected to be private, yet the registry still answers as if it did not exist: the credentials do not grant access to this repository, or its name is misspelled.`;
  }
  return `The pod pulls with ${failure.pullSecrets.join(', ')} and the registry still refused: check that the secret's .dockerconfigjson has an entry for exactly ${registry}, that its token has not expired, and that it grants pull on ${failure.parsed.ok ? failure.parsed.reference.repository : 'this repository'}.`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
