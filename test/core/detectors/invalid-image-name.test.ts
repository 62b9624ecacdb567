import { describe, expect, it } from 'vitest';
import { invalidImageName } from '../../../src/core/detectors/invalid-image-name.ts';
import { factsForPod } from '../../support/facts.ts';
import { kubeletEvent, pullingPod } from '../images/pulling-pod.ts';

describe('invalid-image-name', () => {
  it('says which part of the reference is wrong when the kubelet only says "invalid reference format"', () => {
    const image = 'registry.example.com/shop/api:';
    const message = `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": invalid reference format`;
    const facts = factsForPod(pullingPod({ image, reason: 'InvalidImageName', message }), {
      events: [kubeletEvent('InspectFailed', message, { count: 12 }), kubeletEvent('Failed', 'Error: InvalidImageName', { count: 12 })],
    });
    const finding = invalidImageName.detect(facts)!;
    expect(finding.title).toContain(`"${image}"`);
    expect(finding.title).toContain('tag after ":" is empty');
    expect(finding.ruledOut).toContain('registry, credentials and network: no pull was attempted');
  });

  it('explains upper-case repository names', () => {
    const image = 'acme/Billing-API:2.0';
    const message = `Failed to apply default image tag "${image}": couldn't parse image reference "${image}": invalid reference format: repository name must be lowercase`;
    const finding = invalidImageName.detect(factsForPod(pullingPod({ image, reason: 'InvalidImageName', message })))!;
    expect(finding.title).toContain('upper-case');
    expect(finding.vars?.problem).toContain('lower case');
  });

  it('treats CRI-O\'s unresolvable short name as a reference to write out in full', () => {
    const image = 'nginx:1.25';
    const message = `short-name "nginx:1.25" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"`;
    const finding = invalidImageName.detect(factsForPod(pullingPod({ image, reason: 'ErrImagePull', message })))!;
    expect(finding.detail).toContain('docker.io/library/nginx:1.25');
  });
});
