import { describe, expect, it } from 'vitest';
import { EKS_TOKEN_PREFIX, presignEksToken } from '../../src/clusters/eks-token.ts';
import { EksTokenSource } from '../../src/clusters/eks-token-source.ts';
import { checkEksToken, sigV4Signature } from './sts-presign-check.ts';

// AWS's documented example credentials (never valid anywhere).
const credentials = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/session/token==',
};
const signedAt = new Date('2025-03-01T10:00:00Z');
const expected = { clusterName: 'prod-eu', region: 'eu-west-1', ...credentials, now: new Date('2025-03-01T10:05:00Z') };

describe('the STS check itself', () => {
  it("reproduces AWS's published SigV4 presigned-URL example (S3 GET, 2013-05-24)", () => {
    const signature = sigV4Signature(
      {
        method: 'GET',
        host: 'examplebucket.s3.amazonaws.com',
        path: '/test.txt',
        query: [
          ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
          ['X-Amz-Credential', 'AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request'],
          ['X-Amz-Date', '20130524T000000Z'],
          ['X-Amz-Expires', '86400'],
          ['X-Amz-SignedHeaders', 'host'],
        ],
        headers: { host: 'examplebucket.s3.amazonaws.com' },
        payloadHash: 'UNSIGNED-PAYLOAD',
      },
      credentials.secretAccessKey,
      '20130524T000000Z',
      'us-east-1',
      's3',
    );
    expect(signature).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });
});

describe('EKS token', () => {
  it('is a presigned GetCallerIdentity URL that STS would accept for this cluster', async () => {
    const { token } = await presignEksToken({ clusterName: 'prod-eu', region: 'eu-west-1', credentials, signedAt });
    expect(token.startsWith(EKS_TOKEN_PREFIX)).toBe(true);
    expect(token).not.toContain('=');
    expect(checkEksToken(token, expected)).toEqual([]);
    const url = new URL(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString());
    expect(url.host).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
  });

  it('is refused for another cluster, with another secret, or after 15 minutes', async () => {
    const { token } = await presignEksToken({ clusterName: 'prod-eu', region: 'eu-west-1', credentials, signedAt });
    expect(checkEksToken(token, { ...expected, clusterName: 'staging' })).toEqual(['signature does not match']);
    expect(checkEksToken(token, { ...expected, secretAccessKey: 'another-secret' })).toEqual(['signature does not match']);
    expect(checkEksToken(token, { ...expected, now: new Date('2025-03-01T10:15:01Z') })).toEqual([expect.stringContaining('expired')]);
  });

  it('signs without a session token for long-term keys, and uses .amazonaws.com.cn in China', async () => {
    const { sessionToken: _none, ...keys } = credentials;
    const { token } = await presignEksToken({ clusterName: 'cn-prod', region: 'cn-north-1', credentials: keys, signedAt });
    expect(checkEksToken(token, { ...expected, ...keys, sessionToken: undefined, clusterName: 'cn-prod', region: 'cn-north-1' })).toEqual([]);
    expect(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString()).toMatch(/^https:\/\/sts\.cn-north-1\.amazonaws\.com\.cn\/\?/);
  });

  it('is reused until a minute before it expires, then signed again', async () => {
    let now = signedAt;
    let fetched = 0;
    const source = new EksTokenSource('prod-eu', 'eu-west-1', async () => (fetched++, credentials), () => now);
    const first = await Promise.all([source.token(), source.token(), source.token()]);
    expect(new Set(first).size).toBe(1);
    expect(fetched).toBe(1);
    now = new Date(signedAt.getTime() + 13 * 60_000);
    expect(await source.token()).toBe(first[0]);
    now = new Date(signedAt.getTime() + 14 * 60_000);
    const renewed = await source.token();
    expect(renewed).not.toBe(first[0]);
    expect(checkEksToken(renewed, { ...expected, now })).toEqual([]);
  });

  it('is renewed when the credentials that signed it expire first', async () => {
    let now = signedAt;
    const expiring = { ...credentials, expiration: new Date(signedAt.getTime() + 5 * 60_000) };
    const source = new EksTokenSource('prod-eu', 'eu-west-1', async () => expiring, () => now);
    const first = await source.token();
    now = new Date(signedAt.getTime() + 4 * 60_000 + 1);
    expect(await source.token()).not.toBe(first);
  });
});
