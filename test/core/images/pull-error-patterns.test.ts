import { describe, expect, it } from 'vitest';
import { classifyPullError, pullAttempts, runtimeOfPullError, unresolvedHost, type PullErrorKind } from '../../../src/core/images/pull-error-patterns.ts';

// Real wording from kubelet events across runtimes and registries (kubernetes, containerd,
// cri-o and registry issue trackers). Each must land in the kind a person would act on.
const CASES: [string, PullErrorKind, string | undefined][] = [
  // docker (dockershim, cri-dockerd)
  ['rpc error: code = Unknown desc = Error response from daemon: manifest for lachlanevenson/k8s-kubectl:v1.18.20 not found: manifest unknown: manifest unknown', 'not-found', 'docker'],
  ["rpc error: code = Unknown desc = Error response from daemon: pull access denied for myapp, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", 'access-ambiguous', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: Get https://registry.corp.example/v2/: dial tcp: lookup registry.corp.example on 10.96.0.10:53: no such host', 'network', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: Get "https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/api/manifests/1.4.2": no basic auth credentials', 'unauthorized', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit', 'rate-limited', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: Get https://harbor.local/v2/: x509: certificate signed by unknown authority', 'network', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: unauthorized: authentication required', 'unauthorized', 'docker'],
  // containerd
  ['rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/cvisionai/tator_online:b51d": failed to resolve reference "docker.io/cvisionai/tator_online:b51d": docker.io/cvisionai/tator_online:b51d: not found', 'not-found', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/acme/api:1.4": failed to resolve reference "ghcr.io/acme/api:1.4": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fapi%3Apull&service=ghcr.io: 401 Unauthorized', 'unauthorized', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "registry.app.example.net/team/api:2e7e": failed to resolve reference "registry.app.example.net/team/api:2e7e": pulling from host registry.app.example.net failed with status code [manifests 2e7e]: 401 Unauthorized', 'unauthorized', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "europe-docker.pkg.dev/p/r/api:1": failed to resolve reference "europe-docker.pkg.dev/p/r/api:1": failed to authorize: failed to fetch oauth token: unexpected status: 403 Forbidden', 'unauthorized', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/redis:7": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/redis/manifests/sha256:abc: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.', 'rate-limited', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.25": failed to resolve reference "docker.io/library/nginx:1.25": failed to authorize: failed to fetch anonymous token: unexpected status: 429 Too Many Requests', 'rate-limited', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/acme/secret-api:1": failed to resolve reference "docker.io/acme/secret-api:1": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 'access-ambiguous', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "harbor.example.com/lan/app:1": failed to resolve reference "harbor.example.com/lan/app:1": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials', 'access-ambiguous', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "registry.internal:5000/api:1": failed to resolve reference "registry.internal:5000/api:1": failed to do request: Head "https://registry.internal:5000/v2/api/manifests/1": dial tcp 10.0.3.7:5000: i/o timeout', 'network', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "registry.internal:5000/api:1": failed to resolve reference "registry.internal:5000/api:1": failed to do request: Head "https://registry.internal:5000/v2/api/manifests/1": http: server gave HTTP response to HTTPS client', 'network', 'containerd'],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "registry.internal/api:1": failed to resolve reference "registry.internal/api:1": failed to do request: Head "https://registry.internal/v2/api/manifests/1": tls: failed to verify certificate: x509: certificate signed by unknown authority', 'network', 'containerd'],
  // CRI-O
  ['rpc error: code = Unknown desc = initializing source docker://quay.io/okd/scos-content@sha256:6371: reading manifest sha256:6371 in quay.io/okd/scos-content: manifest unknown', 'not-found', 'CRI-O'],
  ['rpc error: code = Unknown desc = reading manifest latest in docker.io/library/nosuchimage: errors:\ndenied: requested access to the resource is denied\nunauthorized: authentication required\n', 'access-ambiguous', 'CRI-O'],
  ['rpc error: code = Unknown desc = initializing source docker://quay.io/acme/private:3: reading manifest 3 in quay.io/acme/private: unauthorized: access to the requested resource is not authorized', 'unauthorized', 'CRI-O'],
  ['rpc error: code = Unknown desc = reading manifest 7.2 in docker.io/library/redis: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit', 'rate-limited', 'CRI-O'],
  ['rpc error: code = Unknown desc = pinging container registry registry.exmaple.com: Get "https://registry.exmaple.com/v2/": dial tcp: lookup registry.exmaple.com: no such host', 'network', 'CRI-O'],
  ['short-name "nginx:1.25" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"', 'invalid-name', 'CRI-O'],
  // kubelet's own
  ['Failed to apply default image tag "nginx:": couldn\'t parse image reference "nginx:": invalid reference format', 'invalid-name', undefined],
  ['Failed to apply default image tag "myorg/API:1.2": couldn\'t parse image reference "myorg/API:1.2": invalid reference format: repository name must be lowercase', 'invalid-name', undefined],
  ['Container image "api:dev" is not present with pull policy of Never', 'never-pull', undefined],
  ['image pull failed for registry.internal/api:1 because the registry is unavailable.', 'network', undefined],
  // platform and older docker wordings
  ['rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/acme/legacy:2": no match for platform in manifest: not found', 'platform-mismatch', 'containerd'],
  ['rpc error: code = Unknown desc = Error response from daemon: no matching manifest for linux/arm64/v8 in the manifest list entries', 'platform-mismatch', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: repository gcr.io/acme/api not found: does not exist or no pull access', 'access-ambiguous', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: Tag 1.4 not found in repository docker.io/acme/api', 'not-found', 'docker'],
  ['pull QPS exceeded.', 'rate-limited', undefined],
  // registries
  ['rpc error: code = NotFound desc = failed to pull and unpack image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.9": failed to resolve reference "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.9": 123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:1.9: not found', 'not-found', 'containerd'],
  ['rpc error: code = Unknown desc = Error response from daemon: denied: Permission "artifactregistry.repositories.downloadArtifacts" denied on resource "projects/p/locations/europe/repositories/r" (or it may not exist)', 'unauthorized', 'docker'],
  ['rpc error: code = Unknown desc = Error response from daemon: Get https://acme.azurecr.io/v2/api/manifests/2.0: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.', 'unauthorized', 'docker'],
];

describe('pull error patterns', () => {
  for (const [message, kind, runtime] of CASES) {
    it(`${kind}: ${message.slice(0, 90)}`, () => {
      expect(classifyPullError(message)?.kind).toBe(kind);
      expect(runtimeOfPullError(message)).toBe(runtime);
    });
  }

  it('splits the kubelet\'s joined errors from several credentials, and lets "not found" outrank a refusal', () => {
    const joined = 'Failed to pull image "acr.azurecr.io/app": [rpc error: code = Unknown desc = Error response from daemon: Get https://acr.azurecr.io/v2/app/manifests/latest: unauthorized: authentication required, rpc error: code = Unknown desc = Error response from daemon: manifest for acr.azurecr.io/app:latest not found: manifest unknown: manifest unknown]';
    expect(pullAttempts(joined)).toHaveLength(2);
    expect(classifyPullError(joined)?.kind).toBe('not-found');
    // Two refusals stay a refusal; a single error is one attempt.
    const refused = 'Failed to pull image "acr.azurecr.io/app:1": [rpc error: code = Unknown desc = Error response from daemon: unauthorized: authentication required, rpc error: code = Unknown desc = Error response from daemon: unauthorized: authentication required]';
    expect(classifyPullError(refused)?.kind).toBe('unauthorized');
    expect(pullAttempts('rpc error: code = Unknown desc = failed to resolve reference "x": pulling from host gcr.io failed with status code [manifests 1.0.0]: 403 Forbidden')).toHaveLength(1);
  });

  it('knows nothing of words it was not taught: no guess', () => {
    expect(classifyPullError('rpc error: code = Unknown desc = something odd happened')).toBeUndefined();
  });

  it('names the host DNS could not resolve', () => {
    expect(unresolvedHost('dial tcp: lookup registry.corp.example on 10.96.0.10:53: no such host')).toBe('registry.corp.example');
    expect(unresolvedHost('dial tcp: lookup registry.exmaple.com: no such host')).toBe('registry.exmaple.com');
  });
});
