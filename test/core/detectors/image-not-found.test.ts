import { describe, expect, it } from 'vitest';
import { imageNotFound } from '../../../src/core/detectors/image-not-found.ts';
import { imagePullUnauthorized } from '../../../src/core/detectors/image-pull-unauthorized.ts';
import type { Workload } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';
import { failedPull, pullingPod } from '../images/pulling-pod.ts';

describe('image-not-found', () => {
  it('names the missing tag and the registry from containerd\'s "not found"', () => {
    const image = 'cvisionai/tator_online:b51d8990fc4c560c0a2c64d6ddd753aedb9bdeab';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, `rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/${image}": failed to resolve reference "docker.io/${image}": docker.io/${image}: not found`, 7),
    });
    const finding = imageNotFound.detect(facts)!;
    expect(finding.id).toBe('image-not-found');
    expect(finding.title).toContain(image);
    expect(finding.title).toContain('no such tag in docker.io/cvisionai/tator_online');
    expect(finding.title).toContain('7 failed pulls');
    expect(finding.vars).toMatchObject({ registry: 'docker.io', repository: 'cvisionai/tator_online', tag: 'b51d8990fc4c560c0a2c64d6ddd753aedb9bdeab', cause: 'not-found' });
    expect(finding.evidence.map((e) => e.source)).toContain('spec.imagePullSecrets');
    expect(finding.ruledOut?.join(' ')).toContain('network');
  });

  it('reads the error from the status when Kubernetes 1.32+ puts it in the back-off message', () => {
    const image = 'quay.io/acme/api:9.9.9';
    const facts = factsForPod(
      pullingPod({ image, message: `Back-off pulling image "${image}": ErrImagePull: initializing source docker://${image}: reading manifest 9.9.9 in quay.io/acme/api: manifest unknown` }),
    );
    const finding = imageNotFound.detect(facts)!;
    expect(finding.title).toContain('no such tag in quay.io/acme/api');
    expect(finding.vars?.runtime).toBe('CRI-O');
  });

  it('trusts the attempt that found no tag over the one refused, when the kubelet tried several credentials', () => {
    // dockershim tries each credential in turn and joins the errors: "[err1, err2]".
    const image = 'acrname.azurecr.io/preprocess';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, 'Failed to pull image "acrname.azurecr.io/preprocess": [rpc error: code = Unknown desc = Error response from daemon: manifest for acrname.azurecr.io/preprocess:latest not found: manifest unknown: manifest unknown, rpc error: code = Unknown desc = Error response from daemon: Get https://acrname.azurecr.io/v2/preprocess/manifests/latest: unauthorized: authentication required]'),
    });
    expect(imagePullUnauthorized.detect(facts)).toBeUndefined();
    const finding = imageNotFound.detect(facts)!;
    expect(finding.title).toContain('no tag latest in acrname.azurecr.io/preprocess (the image names no tag');
    expect(finding.detail).toContain('":latest" was pulled');
    expect(finding.detail).toContain('tried 2 sets of credentials');
  });

  it('says Docker Hub\'s "may require docker login" is ambiguous and leads with the reference when no secret is given', () => {
    const image = 'shopteam/checkout:2.1';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, `rpc error: code = Unknown desc = Error response from daemon: pull access denied for shopteam/checkout, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`),
    });
    const finding = imageNotFound.detect(facts)!;
    expect(finding.title).toContain('does not exist or is private');
    expect(finding.detail).toContain('ambiguous');
    expect(imagePullUnauthorized.detect(facts)).toBeUndefined();
  });

  it('drops the ambiguity for Docker Hub official images, which are all public', () => {
    const image = 'ngnix:1.25';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, `rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:1.25": failed to resolve reference "docker.io/library/ngnix:1.25": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`),
    });
    expect(imageNotFound.detect(facts)!.title).toContain('docker.io has no official image ngnix');
  });

  it('warns that a private registry may hide a repository behind "not found" when no pull secret is given', () => {
    const image = 'artifactory.corp.example/docker-local/api:2.0';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, `rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found`),
    });
    expect(imageNotFound.detect(facts)!.detail).toContain('some private registries answer "not found"');
  });

  it('reports a typo\'d registry host as the reference not existing, and says it is DNS', () => {
    const image = 'registry.exmaple.com/shop/api:1.4';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, 'rpc error: code = Unknown desc = failed to pull and unpack image "registry.exmaple.com/shop/api:1.4": failed to resolve reference "registry.exmaple.com/shop/api:1.4": failed to do request: Head "https://registry.exmaple.com/v2/shop/api/manifests/1.4": dial tcp: lookup registry.exmaple.com on 10.96.0.10:53: no such host'),
    });
    const finding = imageNotFound.detect(facts)!;
    expect(finding.title).toContain('registry host registry.exmaple.com does not resolve');
    expect(finding.vars?.cause).toBe('network');
  });

  it('says an unreachable registry is the network, not a missing tag', () => {
    const image = 'registry.internal:5000/api:1';
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, `rpc error: code = Unknown desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to do request: Head "https://registry.internal:5000/v2/api/manifests/1": dial tcp 10.0.3.7:5000: i/o timeout`),
    });
    const finding = imageNotFound.detect(facts)!;
    expect(finding.title).toContain('the connection to registry.internal:5000 failed');
    expect(finding.title).toContain('i/o timeout');
    expect(finding.ruledOut?.join(' ')).not.toContain('network');
  });

  it('tells a tag without this node\'s architecture from a missing tag', () => {
    const image = 'acme/legacy-report:2.3';
    const facts = factsForPod(pullingPod({ image, node: 'graviton-1' }), {
      events: failedPull(image, `rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/${image}": no match for platform in manifest: not found`),
      pod: { node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'graviton-1', labels: { 'kubernetes.io/arch': 'arm64' } } } },
    });
    const finding = imageNotFound.detect(facts)!;
    expect(finding.title).toContain('no variant for linux/arm64 (node graviton-1)');
    expect(finding.vars?.cause).toBe('platform-mismatch');
  });

  it('explains imagePullPolicy Never with the node', () => {
    const image = 'api:dev';
    const facts = factsForPod(pullingPod({ image, reason: 'ErrImageNeverPull', message: `Container image "${image}" is not present with pull policy of Never`, node: 'kind-worker' }));
    const finding = imageNotFound.detect(facts)!;
    expect(finding.title).toContain('not on node kind-worker');
    expect(finding.title).toContain('Never');
  });

  it('shows what the rollout changed when the previous revision ran another image', () => {
    const image = 'shop/api:1.4.3';
    const rs = (name: string, revision: string, img: string, ready: number): Workload => ({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: 'shop', annotations: { 'deployment.kubernetes.io/revision': revision } },
      spec: { template: { spec: { containers: [{ name: 'api', image: img }] } } },
      status: { readyReplicas: ready },
    });
    const facts = factsForPod(pullingPod({ image }), {
      events: failedPull(image, 'rpc error: code = Unknown desc = Error response from daemon: manifest for shop/api:1.4.3 not found: manifest unknown: manifest unknown'),
      facts: { workload: { kind: 'Deployment', object: rs('api', '5', image, 0), revisions: [rs('api-7d9f8c6b5', '5', image, 0), rs('api-6c4b7d9f8', '4', 'shop/api:1.4.2', 3)], pods: [], events: [] } },
    });
    const finding = imageNotFound.detect(facts)!;
    expect(finding.vars?.previousImage).toBe('shop/api:1.4.2');
    expect(finding.detail).toContain('changed the image from shop/api:1.4.2');
  });

  it('stays silent while the pull has not failed, and when the error is words it does not know', () => {
    const image = 'nginx:1.25';
    expect(imageNotFound.detect(factsForPod(pullingPod({ image, reason: 'ContainerCreating', message: '' })))).toBeUndefined();
    expect(imageNotFound.detect(factsForPod(pullingPod({ image }), { events: failedPull(image, 'rpc error: code = Unknown desc = something odd') }))).toBeUndefined();
  });
});
