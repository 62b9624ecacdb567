import type { Facts } from '../facts/facts.ts';
import type { FindingDraft } from '../findings/finding.ts';
import { anonymousBecause, attemptsText, containersLabel, imageVars, pullFailuresFor } from '../images/image-pull-failures.ts';
import { registryService } from '../images/registry-hosts.ts';
import { podsRunningImage } from '../images/workload-images.ts';
import type { Detector } from './detector.ts';

/**
 * ErrImagePull / ImagePullBackOff because the registry throttles this client: Docker Hub's
 * "toomanyrequests: You have reached your pull rate limit" (docker, containerd and CRI-O all
 * pass it through), "429 Too Many Requests" from any registry, and 429 inside containerd's
 * "failed to authorize: failed to fetch anonymous token". The image exists and the name is
 * right; the limit is counted per source IP for anonymous pulls (all nodes behind one NAT
 * share it) and per account for authenticated ones, so it clears by itself but comes back.
 */
export const imagePullRateLimited: Detector = {
  id: 'image-pull-rate-limited',
  priority: 43,
  detect(facts: Facts): FindingDraft | undefined {
    const failures = pullFailuresFor(facts, 'image-pull-rate-limited');
    const failure = failures[0];
    if (!failure) return undefined;
    const registry = failure.parsed.ok ? failure.parsed.reference.registry : 'the registry';
    const service = failure.parsed.ok ? registryService(registry) : undefined;
    const anonymous = failure.pullSecrets.length === 0;
    const node = facts.pod?.pod.spec.nodeName;
    const vars: Record<string, string> = { ...imageVars(failure), authenticated: anonymous ? 'no' : 'yes' };
    if (node) vars.node = node;

    const evidence = [...failure.evidence];
    const elsewhere = podsRunningImage(facts, failure.image);
    if (elsewhere.length > 0) {
      evidence.push({ kind: 'object', source: 'other pods of the workload', text: `the same image was pulled for ${elsewhere.map((p) => (p.node ? `${p.pod} on ${p.node}` : p.pod)).join(', ')}` });
    }
    const ruledOut = ['network: the registry answered', 'the image exists as far as the registry said: it refused to serve it, not to find it'];
    if (failure.parsed.ok) ruledOut.push('image name syntax: the reference parses');

    const limitHolder = anonymous
      ? `The pull was anonymous (${anonymousBecause(failure)}), so it counts against the limit of the node's public IP, shared by every node behind the same NAT.`
      : `The pull used ${failure.pullSecrets.join(', ')}, so the limit is the account's: pulls from every cluster using that account count.`;
    if (/pull QPS exceeded/.test(failure.message)) {
      // The kubelet's own throttle, not the registry's: the fix is on the node, not the account.
      return {
        id: 'image-pull-rate-limited',
        title: `${containersLabel(failures)} cannot pull ${failure.image}: the kubelet on ${node ?? 'the node'} throttles its own pulls (pull QPS exceeded)${attemptsText(failure)}`,
        detail: `The kubelet refused to start the pull: ${failure.match.meaning}. The registry was never asked. Many pods pulling at once on one node hit it (a node replacement, a DaemonSet rollout); raise registryPullQPS/registryBurst in the kubelet configuration or let the back-off spread the pulls.`,
        evidence,
        ruledOut: ['the registry: no request was sent'],
        vars,
        container: failure.container,
      };
    }
    return {
      id: 'image-pull-rate-limited',
      title: `${containersLabel(failures)} cannot pull ${failure.image}: ${registry}${service ? ` (${service.name})` : ''} rate limit reached (${anonymous ? 'anonymous' : 'authenticated'} pulls)${attemptsText(failure)}`,
      detail: `${registry} refused to serve the image${failure.runtime ? ` (${failure.runtime})` : ''}: ${failure.match.meaning}. ${limitHolder} The kubelet keeps retrying with back-off, so the pod starts once the window resets; authenticating, a pull-through cache or mirror, or imagePullPolicy IfNotPresent keep it from coming back.`,
      evidence,
      ruledOut,
      vars,
      container: failure.container,
    };
  },
};
