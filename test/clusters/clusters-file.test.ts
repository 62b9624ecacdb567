import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseClustersFile, pickCluster, readClustersFile } from '../../src/clusters/clusters-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'k8s-why-clusters-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');

const YAML_FILE = `
defaultCluster: prod
clusters:
  prod:
    namespace: shop
    auth: { type: eks, clusterName: prod-eu, region: eu-west-1 }
  staging:
    endpoint: https://10.0.0.1:6443
    certificateAuthorityData: ${CA}
    auth:
      type: token
      tokenEnv: STAGING_TOKEN
  dev:
    auth: { type: kubeconfig, context: kind-dev }
`;

describe('clusters file', () => {
  it('reads YAML naming several clusters, and --cluster picks one (else the default)', async () => {
    const read = await readClustersFile(write('clusters.yaml', YAML_FILE));
    if (!read.ok) throw new Error(read.error);
    expect(Object.keys(read.file.clusters)).toEqual(['prod', 'staging', 'dev']);
    expect(pickCluster(read.file)).toMatchObject({ ok: true, name: 'prod', cluster: { namespace: 'shop', auth: { type: 'eks', clusterName: 'prod-eu' } } });
    expect(pickCluster(read.file, 'dev')).toMatchObject({ ok: true, name: 'dev', cluster: { auth: { context: 'kind-dev' } } });
    expect(pickCluster(read.file, 'qa')).toEqual({ ok: false, error: 'no cluster "qa" in the clusters file; it has: prod, staging, dev' });
  });

  it('reads the same in JSON', async () => {
    const json = JSON.stringify({ clusters: { only: { auth: { type: 'kubeconfig', context: 'c1' } } } });
    const read = await readClustersFile(write('clusters.json', json));
    expect(read.ok && pickCluster(read.file)).toMatchObject({ ok: true, name: 'only' });
  });

  it('asks for --cluster when several clusters and no default', () => {
    const parsed = parseClustersFile({ clusters: { a: { auth: { type: 'kubeconfig', context: 'a' } }, b: { auth: { type: 'kubeconfig', context: 'b' } } } }, 'f');
    expect(parsed.ok && pickCluster(parsed.file)).toEqual({ ok: false, error: 'the clusters file names 2 clusters (a, b): pick one with --cluster NAME or set defaultCluster' });
  });

  const invalid: [string, unknown, string][] = [
    ['an unknown auth type', { clusters: { prod: { auth: { type: 'gke' } } } }, 'clusters.prod.auth.type: must be eks, token or kubeconfig'],
    ['a region that is not one', { clusters: { prod: { auth: { type: 'eks', clusterName: 'p', region: 'Ireland' } } } }, 'clusters.prod.auth.region: not an AWS region (like eu-west-1)'],
    ['a plain-http endpoint', { clusters: { s: { endpoint: 'http://10.0.0.1:6443', certificateAuthorityData: CA, auth: { type: 'token', tokenEnv: 'T' } } } }, 'clusters.s.endpoint: must be an https:// URL of the API server'],
    ['a token written into the file', { clusters: { s: { endpoint: 'https://k:6443', certificateAuthorityData: CA, auth: { type: 'token', token: 'eyJhbGciOi' } } } }, 'clusters.s.auth: Unrecognized key: "token"'],
    ['token auth without a CA', { clusters: { s: { endpoint: 'https://k:6443', auth: { type: 'token', tokenFile: '/t' } } } }, "clusters.s.certificateAuthorityData: token auth needs the cluster's CA to trust the API server"],
    ['EKS with an endpoint but no CA', { clusters: { p: { endpoint: 'https://x.eks.amazonaws.com', auth: { type: 'eks', clusterName: 'p' } } } }, 'clusters.p.certificateAuthorityData: give both endpoint and CA, or neither'],
    ['a CA that is not base64', { clusters: { s: { endpoint: 'https://k:6443', certificateAuthorityData: '-----BEGIN CERT', auth: { type: 'token', tokenEnv: 'T' } } } }, 'clusters.s.certificateAuthorityData: must be base64 of the PEM CA bundle'],
    ['a default that is not a cluster', { defaultCluster: 'prd', clusters: { prod: { auth: { type: 'kubeconfig', context: 'p' } } } }, 'defaultCluster: "prd" is not one of the clusters: prod'],
    ['no clusters', { clusters: {} }, 'clusters: name at least one cluster'],
    ['a misspelt key', { clusters: { prod: { namespce: 'shop', auth: { type: 'kubeconfig', context: 'p' } } } }, 'clusters.prod: Unrecognized key: "namespce"'],
  ];
  for (const [what, value, message] of invalid) {
    it(`rejects ${what}, naming the key and why`, () => {
      const parsed = parseClustersFile(value, '/etc/k8s-why/clusters.yaml');
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.error).toContain('clusters file /etc/k8s-why/clusters.yaml is invalid: ');
      expect(!parsed.ok && parsed.error).toContain(message);
    });
  }

  it('says when the file is missing or not YAML', async () => {
    expect(await readClustersFile(join(dir, 'nope.yaml'))).toEqual({ ok: false, error: `cannot read clusters file ${join(dir, 'nope.yaml')}: no such file` });
    const bad = await readClustersFile(write('bad.yaml', 'clusters:\n  prod: [\n'));
    expect(!bad.ok && bad.error).toMatch(/is not valid YAML or JSON/);
  });
});
