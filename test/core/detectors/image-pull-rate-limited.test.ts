import { describe, expect, it } from 'vitest';
import { imagePullRateLimited } from '../../../src/core/detectors/image-pull-rate-limited.ts';
import { imagePullUnauthorized } from '../../../src/core/detectors/image-pull-unauthorized.ts';
import { factsForPod } from '../../support/facts.ts';
import { failedPull, pullingPod } from '../images/pulling-pod.ts';

describe('image-pull-rate-limited', () => {
  it('reads Docker Hub\'s toomanyrequests and says the pull was anonymous', () => {
    const image = 'redis:7.2';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/redis:7.2": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/redis/manifests/sha256:5a93f: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'),
    });
    const finding = imagePullRateLimited.detect(facts)!;
    expect(finding.title).toContain('rate limit reached (anonymous pulls)');
    expect(finding.title).toContain('Docker Hub');
    expect(finding.vars).toMatchObject({ authenticated: 'no', repository: 'library/redis' });
  });

  it('wins over "failed to authorize" when the token endpoint itself answered 429', () => {
    const image = 'nginx:1.25';
    const facts = factsForPod(pullingPod({ image, pullSecrets: ['hub'] }), {
      events: failedPull(image, 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.25": failed to resolve reference "docker.io/library/nginx:1.25": failed to authorize: failed to fetch anonymous token: unexpected status: 429 Too Many Requests'),
    });
    expect(imagePullUnauthorized.detect(facts)).toBeUndefined();
    expect(imagePullRateLimited.detect(facts)?.title).toContain('authenticated pulls');
  });

  it('counts OpenShift\'s integrated-registry token as no credentials for Docker Hub', () => {
    // Every OpenShift pod names <serviceaccount>-dockercfg-xxxxx; it only opens the cluster's own registry.
    const image = 'obsidiandynamics/kafdrop:latest';
    const facts = factsForPod(pullingPod({ image, pullSecrets: ['default-dockercfg-8ml2b'] }), {
      events: failedPull(image, 'rpc error: code = Unknown desc = Error reading manifest latest in docker.io/obsidiandynamics/kafdrop: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit'),
    });
    const finding = imagePullRateLimited.detect(facts)!;
    expect(finding.title).toContain('(anonymous pulls)');
    expect(finding.detail).toContain("default-dockercfg-8ml2b) is OpenShift's token for its integrated registry");
    expect(finding.vars?.authenticated).toBe('no');
  });

  it('still counts a dockercfg secret as credentials when the image is in the integrated registry', () => {
    const image = 'image-registry.openshift-image-registry.svc:5000/shop/api:1.4';
    const facts = factsForPod(pullingPod({ image, pullSecrets: ['default-dockercfg-8ml2b'] }), {
      events: failedPull(image, 'rpc error: code = Unknown desc = reading manifest 1.4 in image-registry.openshift-image-registry.svc:5000/shop/api: toomanyrequests: too many requests'),
    });
    expect(imagePullRateLimited.detect(facts)?.title).toContain('(authenticated pulls)');
  });

  it('tells the kubelet\'s own pull throttle from the registry\'s', () => {
    const image = 'nginx:1.25';
    const facts = factsForPod(pullingPod({ image, reason: 'ErrImagePull', message: 'pull QPS exceeded.', node: 'worker-7' }));
    const finding = imagePullRateLimited.detect(facts)!;
    expect(finding.title).toContain('the kubelet on worker-7 throttles its own pulls');
    expect(finding.ruledOut).toContain('the registry: no request was sent');
  });
});
