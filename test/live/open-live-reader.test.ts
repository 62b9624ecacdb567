import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLiveReader, type LiveReaderRequest } from '../../src/live/open-live-reader.ts';
import { checkEksToken } from '../clusters/sts-presign-check.ts';
import { startLoopbackApi, type LoopbackApi } from './loopback-api-server.ts';

// From flags and files to a working reader: each way of naming credentials ends in requests
// that reach the API server with the right Authorization, and in the right default namespace.

const dir = mkdtempSync(join(tmpdir(), 'k8s-why-open-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const fixture = (file: string) => readFileSync(join(import.meta.dirname, 'fixtures/tls', file), 'utf8');
const CA_DATA = Buffer.from(fixture('ca.pem')).toString('base64');
const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

const SNAPSHOT = {
  objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-1', namespace: 'shop' }, spec: { containers: [{ name: 'api' }] } }],
  logs: [],
};
const tokens = new Set(['ctx-token', 'file-token', 'env-token', 'sa-token']);
let api: LoopbackApi;

beforeAll(async () => {
  // TLS like a real API server; a token is accepted when it is one we know, or an EKS token
  // that passes the STS check for cluster "prod-eu".
  api = await startLoopbackApi({
    snapshot: SNAPSHOT,
    tls: { key: fixture('server-key.pem'), cert: fixture('server.pem') },
    authorize: (header) => {
      const token = header?.replace(/^Bearer /, '') ?? '';
      return tokens.has(token) || (token.startsWith('k8s-aws-v1.') && checkEksToken(token, { clusterName: 'prod-eu', region: 'eu-west-1', ...keys, now: new Date() }).length === 0);
    },
  });
});
afterAll(async () => api.close());

const kubeconfig = (contexts: { name: string; namespace?: string; token: string }[], current?: string) => `
apiVersion: v1
kind: Config
clusters:
  - name: loopback
    cluster: { server: ${api.url}, certificate-authority: ${join(import.meta.dirname, 'fixtures/tls/ca.pem')} }
users:
${contexts.map((c) => `  - name: ${c.name}-user\n    user: { token: ${c.token} }`).join('\n')}
contexts:
${contexts.map((c) => `  - name: ${c.name}\n    context: { cluster: loopback, user: ${c.name}-user${c.namespace ? `, namespace: ${c.namespace}` : ''} }`).join('\n')}
${current ? `current-context: ${current}` : ''}
`;

async function readsPod(request: LiveReaderRequest) {
  const opened = await openLiveReader({ env: {}, ...request });
  if (!opened.ok) throw new Error(opened.error);
  const pod = await opened.reader.get('Pod', 'api-1', 'shop');
  return { pod: pod?.metadata.name, namespace: opened.defaultNamespace, source: opened.reader.source };
}

describe('opening a live reader from a kubeconfig', () => {
  let file = '';
  beforeAll(() => {
    file = write('kube/config', kubeconfig([{ name: 'ops', namespace: 'shop', token: 'ctx-token' }, { name: 'bad', token: 'stale' }], 'ops'));
  });

  it("--kubeconfig: the current context, its namespace as the default; the context's token reaches the server", async () => {
    expect(await readsPod({ kubeconfig: file })).toEqual({ pod: 'api-1', namespace: 'shop', source: 'context ops' });
    expect(api.requests.at(-1)?.authorization).toBe('Bearer ctx-token');
  });

  it('--context picks another context; its namespace defaults to "default"', async () => {
    const opened = await openLiveReader({ env: {}, kubeconfig: file, context: 'bad' });
    expect(opened.ok && opened.defaultNamespace).toBe('default');
    const failure = await (opened.ok ? opened.reader.get('Pod', 'api-1', 'shop') : Promise.resolve()).catch((error: Error) => error.message);
    expect(failure).toContain('rejected the credentials');
  });

  it('KUBECONFIG with several files merges them, the first to name a thing winning, as kubectl does', async () => {
    const first = write('merge/a', kubeconfig([{ name: 'ops', namespace: 'payments', token: 'ctx-token' }]));
    const second = write('merge/b', kubeconfig([{ name: 'ops', namespace: 'ignored', token: 'stale' }], 'ops'));
    expect(await readsPod({ env: { KUBECONFIG: [join(dir, 'missing'), first, second].join(delimiter) } })).toEqual({ pod: 'api-1', namespace: 'payments', source: 'context ops' });
  });

  it('~/.kube/config when nothing else is named', async () => {
    write('home/.kube/config', readFileSync(file, 'utf8'));
    expect(await readsPod({ env: { HOME: join(dir, 'home') } })).toMatchObject({ pod: 'api-1', namespace: 'shop', source: 'context ops' });
  });

  it('an unknown context lists the ones there are', async () => {
    expect(await openLiveReader({ env: {}, kubeconfig: file, context: 'prod' })).toEqual({ ok: false, usage: false, error: 'no context "prod" in the kubeconfig; it has: ops, bad' });
  });

  it('with no kubeconfig and no service account, says what to do', async () => {
    const opened = await openLiveReader({ env: { HOME: join(dir, 'nowhere') }, serviceAccountDir: join(dir, 'nowhere') });
    expect(!opened.ok && opened.error).toMatch(/^no kubeconfig found \(looked at .*nowhere\/\.kube\/config\) and not running in a pod: pass --kubeconfig FILE, set KUBECONFIG/);
  });
});

describe('opening a live reader in a pod', () => {
  it("uses the service account's token, CA and namespace", async () => {
    const sa = join(dir, 'sa');
    write('sa/token', 'sa-token');
    write('sa/ca.crt', fixture('ca.pem'));
    write('sa/namespace', 'shop');
    const port = new URL(api.url).port;
    const result = await readsPod({ env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: port }, serviceAccountDir: sa });
    expect(result).toEqual({ pod: 'api-1', namespace: 'shop', source: 'in-cluster service account' });
    expect(api.requests.at(-1)?.authorization).toBe('Bearer sa-token');
  });
});

describe('opening a live reader from the clusters file', () => {
  const clusters = () =>
    write(
      'clusters.yaml',
      `
defaultCluster: prod
clusters:
  prod:
    endpoint: ${api.url}
    certificateAuthorityData: ${CA_DATA}
    namespace: shop
    auth: { type: eks, clusterName: prod-eu, region: eu-west-1 }
  staging:
    endpoint: ${api.url}
    certificateAuthorityData: ${CA_DATA}
    auth: { type: token, tokenEnv: STAGING_TOKEN }
  dev:
    namespace: dev
    auth: { type: kubeconfig, context: ops, kubeconfig: ${join(dir, 'kube/config')} }
`,
    );

  it('EKS: a token signed in-process from the AWS credentials, accepted by an STS-shaped check', async () => {
    const result = await readsPod({ clustersFile: clusters(), connect: { credentials: () => async () => keys } });
    expect(result).toEqual({ pod: 'api-1', namespace: 'shop', source: 'cluster prod' });
    expect(api.requests.at(-1)?.authorization).toMatch(/^Bearer k8s-aws-v1\.[A-Za-z0-9_-]+$/);
  });

  it('--cluster staging: a token from the environment variable the file names', async () => {
    expect(await readsPod({ clustersFile: clusters(), cluster: 'staging', env: { STAGING_TOKEN: 'env-token' } })).toEqual({ pod: 'api-1', namespace: 'default', source: 'cluster staging' });
  });

  it('--cluster dev: a kubeconfig context, with the namespace the clusters file gives', async () => {
    expect(await readsPod({ clustersFile: clusters(), cluster: 'dev' })).toEqual({ pod: 'api-1', namespace: 'dev', source: 'cluster dev' });
  });

  it('K8S_WHY_CLUSTERS names the file; --kubeconfig still means the kubeconfig', async () => {
    const env = { K8S_WHY_CLUSTERS: clusters(), STAGING_TOKEN: 'env-token' };
    expect(await readsPod({ env, cluster: 'staging' })).toMatchObject({ source: 'cluster staging' });
    expect(await readsPod({ env, kubeconfig: join(dir, 'kube/config') })).toMatchObject({ source: 'context ops' });
  });

  it('--cluster without a clusters file, or with --context, is a usage error', async () => {
    expect(await openLiveReader({ env: {}, cluster: 'prod' })).toEqual({ ok: false, usage: true, error: '--cluster prod needs a clusters file: pass --clusters FILE or set K8S_WHY_CLUSTERS' });
    expect(await openLiveReader({ env: {}, cluster: 'prod', context: 'ops', clustersFile: clusters() })).toMatchObject({ ok: false, usage: true, error: expect.stringContaining('not both') });
    expect(await openLiveReader({ env: {}, cluster: 'qa', clustersFile: clusters() })).toEqual({ ok: false, usage: true, error: 'no cluster "qa" in the clusters file; it has: prod, staging, dev' });
  });
});
