import { describe, expect, it } from 'vitest';
import { parseImageReference, qualifiedName } from '../../../src/core/images/image-reference.ts';

function parsed(raw: string) {
  const result = parseImageReference(raw);
  if (!result.ok) throw new Error(`${raw}: ${result.problem}`);
  return result.reference;
}

function problem(raw: string): string {
  const result = parseImageReference(raw);
  if (result.ok) throw new Error(`${raw} parsed`);
  return result.problem;
}

describe('image references', () => {
  it('puts an official short name on Docker Hub under library/ with the latest tag', () => {
    const ref = parsed('nginx');
    expect(qualifiedName(ref)).toBe('docker.io/library/nginx:latest');
    expect(ref.registryImplied).toBe(true);
    expect(ref.tagImplied).toBe(true);
  });

  it('keeps a user repository on Docker Hub without library/', () => {
    expect(qualifiedName(parsed('cvisionai/tator_online:b51d8990'))).toBe('docker.io/cvisionai/tator_online:b51d8990');
  });

  it('reads a registry with a port and no tag', () => {
    const ref = parsed('registry.internal:5000/team/api');
    expect(ref.registry).toBe('registry.internal:5000');
    expect(ref.repository).toBe('team/api');
    expect(ref.tag).toBe('latest');
  });

  it('reads localhost and ECR hosts as registries', () => {
    expect(parsed('localhost/api:dev').registry).toBe('localhost');
    expect(parsed('123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.2').registry).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com');
  });

  it('reads a digest, with or without a tag', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(parsed(`quay.io/okd/scos@${digest}`).digest).toBe(digest);
    expect(parsed(`nginx:1.25@${digest}`).tag).toBe('1.25');
  });

  it('treats an upper-case first component as a registry host, as the kubelet does', () => {
    expect(parsed('MyOrg/api:1').registry).toBe('MyOrg');
  });

  it('says what is wrong with references the kubelet rejects', () => {
    expect(problem('nginx:')).toMatch(/tag after ":" is empty/);
    expect(problem('myorg/API-Server:1.2')).toMatch(/upper-case/);
    expect(problem('nginx:1.25 ')).toMatch(/whitespace/);
    expect(problem('https://registry.example.com/api:1')).toMatch(/URL scheme/);
    expect(problem('api:1.0.0+build.5')).toMatch(/tag "1.0.0\+build.5"/);
    expect(problem('registry.example.com//api:1')).toMatch(/empty path component/);
    // A registry prefix rendered empty, and an Incus/LXC alias ("remote:image") used as an image.
    expect(problem('/cloudfoundry/75f129a0:a28a0570')).toMatch(/starts with "\/": the registry host that should come before it is empty/);
    expect(problem('images:ubuntu/24.04')).toBe('the ":" after "images" starts neither a port ("ubuntu" is not a number) nor a tag ("ubuntu/24.04" contains "/", which a tag cannot)');
    expect(problem('registry.example.com/team/')).toMatch(/ends with "\/"/);
    expect(problem(`nginx@sha256:abc`)).toMatch(/digest/);
  });
});
