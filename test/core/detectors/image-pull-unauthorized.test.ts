import { describe, expect, it } from 'vitest';
import { imageNotFound } from '../../../src/core/detectors/image-not-found.ts';
import { imagePullUnauthorized } from '../../../src/core/detectors/image-pull-unauthorized.ts';
import { factsForPod } from '../../support/facts.ts';
import { failedPull, kubeletEvent, pullingPod } from '../images/pulling-pod.ts';

describe('image-pull-unauthorized', () => {
  it('reads a 401 from GHCR with no pull secret as an anonymous pull of a private package', () => {
    const image = 'ghcr.io/acme/billing-api:3.2.0';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fbilling-api%3Apull&service=ghcr.io: 401 Unauthorized`),
    });
    const finding = imagePullUnauthorized.detect(facts)!;
    expect(finding.title).toContain('401 Unauthorized');
    expect(finding.title).toContain('no pull secret given');
    expect(finding.detail).toContain('GitHub Container Registry');
    expect(finding.vars).toMatchObject({ registry: 'ghcr.io', repository: 'acme/billing-api', tag: '3.2.0' });
    expect(imageNotFound.detect(facts)).toBeUndefined();
  });

  it('names a pull secret the kubelet could not read', () => {
    const image = 'harbor.corp.example/payments/ledger:7.1';
    const facts = factsForPod(pullingPod({ image, pullSecrets: ['harbor-creds'] }), {
      events: [
        kubeletEvent('FailedToRetrieveImagePullSecret', 'Unable to retrieve some image pull secrets (harbor-creds); attempting to pull the image may not succeed.', { type: 'Warning' }),
        ...failedPull(image, `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": pulling from host harbor.corp.example failed with status code [manifests 7.1]: 401 Unauthorized`),
      ],
    });
    const finding = imagePullUnauthorized.detect(facts)!;
    expect(finding.title).toContain('pull secret harbor-creds could not be read');
    expect(finding.vars?.missingSecret).toBe('harbor-creds');
    expect(finding.detail).toContain('namespace shop');
  });

  it('treats Docker Hub\'s ambiguous answer as refused credentials when the pod gives a pull secret', () => {
    const image = 'acme/private-worker:12';
    const facts = factsForPod(pullingPod({ image, pullSecrets: ['dockerhub'] }), {
      events: failedPull(image, `rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/${image}": failed to resolve reference "docker.io/${image}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`),
    });
    const finding = imagePullUnauthorized.detect(facts)!;
    expect(finding.title).toContain('pull secret dockerhub was used');
    expect(finding.detail).toContain('do not grant access');
    expect(imageNotFound.detect(facts)).toBeUndefined();
  });

  it('tells 403 (valid credentials, no rights) from 401', () => {
    const image = 'europe-docker.pkg.dev/acme-prod/apps/api:5';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to authorize: failed to fetch oauth token: unexpected status: 403 Forbidden`),
    });
    const finding = imagePullUnauthorized.detect(facts)!;
    expect(finding.title).toContain('403 Forbidden');
    expect(finding.detail).toContain('Artifact Registry');
  });
});
