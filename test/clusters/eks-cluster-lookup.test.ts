import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster } from '../../src/clusters/cluster-connection.ts';
import { describeEksCluster } from '../../src/clusters/describe-eks-cluster.ts';

const credentials = async () => ({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');

// An EKS-shaped endpoint on loopback: DescribeCluster is GET /clusters/{name} (REST-JSON), and
// errors carry their type in x-amzn-errortype, as the real service sends them.
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const server = createServer((req, res) => {
  seen.push({ url: req.url ?? '', headers: req.headers });
  const name = decodeURIComponent((req.url ?? '').replace(/^\/clusters\//, ''));
  if (name === 'prod-eu') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ cluster: { name, status: 'ACTIVE', endpoint: 'https://ABC123.gr7.eu-west-1.eks.amazonaws.com', certificateAuthority: { data: CA } } }));
  }
  const [status, type] = name === 'secret' ? [403, 'AccessDeniedException'] : [404, 'ResourceNotFoundException'];
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ message: name === 'secret' ? 'User is not authorized to perform: eks:DescribeCluster' : `No cluster found for name: ${name}.` }));
});
let eksEndpoint = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  eksEndpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('EKS endpoint and CA from eks:DescribeCluster', () => {
  it('reads them through the AWS SDK, signed for eks in the region', async () => {
    const result = await describeEksCluster({ clusterName: 'prod-eu', region: 'eu-west-1', credentials, eksEndpoint });
    expect(result).toEqual({ ok: true, address: { endpoint: 'https://ABC123.gr7.eu-west-1.eks.amazonaws.com', caData: CA } });
    expect(seen.at(-1)?.url).toBe('/clusters/prod-eu');
    expect(seen.at(-1)?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/eks\/aws4_request/);
  });

  it('says which cluster does not exist, and what to do when DescribeCluster is denied', async () => {
    const missing = await describeEksCluster({ clusterName: 'nope', region: 'eu-west-1', credentials, eksEndpoint });
    expect(!missing.ok && missing.error).toBe('eks:DescribeCluster nope in eu-west-1 failed: no such cluster (No cluster found for name: nope.)');
    const denied = await describeEksCluster({ clusterName: 'secret', region: 'eu-west-1', credentials, eksEndpoint });
    expect(!denied.ok && denied.error).toContain('Allow eks:DescribeCluster, or put endpoint and certificateAuthorityData in the clusters file');
  });
});

describe('connecting to a cluster of the clusters file', () => {
  const env = {};
  it('EKS without endpoint: DescribeCluster supplies it, the token comes from the EKS token source', async () => {
    const connected = await connectCluster('prod', { auth: { type: 'eks', clusterName: 'prod-eu', region: 'eu-west-1' } }, {
      env,
      credentials: () => credentials,
      describe: (input) => describeEksCluster({ ...input, eksEndpoint }),
      eksToken: (cluster, region) => async () => `token-for-${cluster}-${region}`,
    });
    if (!connected.ok || connected.connection.kind !== 'bearer') throw new Error(JSON.stringify(connected));
    expect(connected.connection.server).toBe('https://ABC123.gr7.eu-west-1.eks.amazonaws.com');
    expect(connected.connection.ca).toEqual({ data: CA });
    expect(await connected.connection.token()).toBe('token-for-prod-eu-eu-west-1');
  });

  it("EKS with endpoint and CA given: no lookup, and the region read from the endpoint's hostname", async () => {
    const connected = await connectCluster(
      'prod',
      { endpoint: 'https://ABC123.yl4.us-east-2.eks.amazonaws.com', certificateAuthorityData: CA, auth: { type: 'eks', clusterName: 'prod-us' } },
      { env, describe: () => Promise.reject(new Error('must not be called')), eksToken: (cluster, region) => async () => `${cluster}@${region}` },
    );
    expect(connected.ok && connected.connection.kind === 'bearer' && (await connected.connection.token())).toBe('prod-us@us-east-2');
  });

  it('EKS with no region anywhere is an error that says where to set it', async () => {
    const connected = await connectCluster('prod', { auth: { type: 'eks', clusterName: 'p' } }, { env });
    expect(connected).toEqual({ ok: false, error: 'cluster prod: no AWS region: set auth.region in the clusters file, or AWS_REGION' });
  });

  it('token auth reads the named environment variable, and says when it is unset', async () => {
    const entry = { endpoint: 'https://10.0.0.1:6443', certificateAuthorityData: CA, auth: { type: 'token' as const, tokenEnv: 'STAGING_TOKEN' } };
    const connected = await connectCluster('staging', entry, { env: { STAGING_TOKEN: 'abc' } });
    expect(connected.ok && connected.connection.kind === 'bearer' && (await connected.connection.token())).toBe('abc');
    expect(await connectCluster('staging', entry, { env })).toEqual({ ok: false, error: 'cluster staging: environment variable STAGING_TOKEN (auth.tokenEnv) is not set' });
  });

  it('a token file that is not there fails at once, naming it', async () => {
    const connected = await connectCluster('s', { endpoint: 'https://k:6443', certificateAuthorityData: CA, auth: { type: 'token', tokenFile: '/nonexistent/token' } }, { env });
    expect(connected).toEqual({ ok: false, error: 'cluster s: cannot read token file /nonexistent/token (auth.tokenFile): ENOENT' });
  });
});
