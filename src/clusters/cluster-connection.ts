import { readFile } from 'node:fs/promises';
import type { ClusterEntry } from './clusters-file.ts';
import { describeEksCluster, type DescribeInput, type DescribeResult } from './describe-eks-cluster.ts';
import { defaultCredentialSource, EksTokenSource, sharedEksTokenSource, type CredentialSource } from './eks-token-source.ts';

/**
 * How to reach one cluster of the clusters file, in terms that do not depend on any
 * Kubernetes client: an endpoint, a CA and a bearer token (EKS or a token), or a kubeconfig
 * context to load. The live reader turns it into a client configuration.
 */
export type ClusterConnection =
  | {
      kind: 'bearer';
      name: string;
      server: string;
      ca: { data: string } | { file: string };
      namespace?: string;
      /** Called for every request; sources cache and refresh as they need. */
      token: () => Promise<string>;
    }
  | { kind: 'kubeconfig'; name: string; context: string; kubeconfig?: string; namespace?: string };

export type ConnectResult = { ok: true; connection: ClusterConnection } | { ok: false; error: string };

export interface ConnectDeps {
  env: Record<string, string | undefined>;
  /** Injected by tests; production signs with the SDK's default chain and caches per process. */
  eksToken?: (clusterName: string, region: string, profile?: string) => () => Promise<string>;
  /** AWS credentials for DescribeCluster and EKS tokens; the SDK's default chain when absent. */
  credentials?: (profile?: string) => CredentialSource;
  describe?: (input: DescribeInput) => Promise<DescribeResult>;
}

export async function connectCluster(name: string, entry: ClusterEntry, deps: ConnectDeps): Promise<ConnectResult> {
  const namespace = entry.namespace ? { namespace: entry.namespace } : {};
  const auth = entry.auth;
  if (auth.type === 'kubeconfig') {
    return { ok: true, connection: { kind: 'kubeconfig', name, context: auth.context, ...(auth.kubeconfig ? { kubeconfig: auth.kubeconfig } : {}), ...namespace } };
  }
  const configuredCa = entry.certificateAuthorityData ? { data: entry.certificateAuthorityData } : entry.certificateAuthorityFile ? { file: entry.certificateAuthorityFile } : undefined;

  if (auth.type === 'token') {
    const token = await bearerToken(name, auth, deps.env);
    if (!token.ok) return token;
    return { ok: true, connection: { kind: 'bearer', name, server: entry.endpoint!, ca: configuredCa!, token: token.read, ...namespace } };
  }

  const region = auth.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION ?? regionOfEksEndpoint(entry.endpoint);
  if (!region) return { ok: false, error: `cluster ${name}: no AWS region: set auth.region in the clusters file, or AWS_REGION` };
  let server = entry.endpoint;
  let ca = configuredCa;
  if (!server || !ca) {
    const credentials = (deps.credentials ?? defaultCredentialSource)(auth.profile);
    const described = await (deps.describe ?? describeEksCluster)({ clusterName: auth.clusterName, region, credentials });
    if (!described.ok) return { ok: false, error: `cluster ${name}: ${described.error}` };
    server = described.address.endpoint;
    ca = { data: described.address.caData };
  }
  const source = deps.credentials
    ? new EksTokenSource(auth.clusterName, region, deps.credentials(auth.profile))
    : sharedEksTokenSource(auth.clusterName, region, auth.profile);
  const token = deps.eksToken ? deps.eksToken(auth.clusterName, region, auth.profile) : () => source.token();
  return { ok: true, connection: { kind: 'bearer', name, server, ca, token, ...namespace } };
}

/** "ABC123.gr7.eu-west-1.eks.amazonaws.com" is in eu-west-1. */
export function regionOfEksEndpoint(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  return /\.([a-z]{2}(?:-[a-z]+)+-\d+)\.eks\.amazonaws\.com(?:\.cn)?$/.exec(new URL(endpoint).hostname)?.[1];
}

type TokenAuth = Extract<ClusterEntry['auth'], { type: 'token' }>;

async function bearerToken(name: string, auth: TokenAuth, env: ConnectDeps['env']): Promise<{ ok: true; read: () => Promise<string> } | { ok: false; error: string }> {
  if (auth.tokenEnv) {
    const value = env[auth.tokenEnv]?.trim();
    if (!value) return { ok: false, error: `cluster ${name}: environment variable ${auth.tokenEnv} (auth.tokenEnv) is not set` };
    return { ok: true, read: async () => value };
  }
  const file = auth.tokenFile!;
  // Read once now so a wrong path fails here, clearly, then on every request: projected
  // service account tokens are rotated in place.
  try {
    if (!(await readFile(file, 'utf8')).trim()) return { ok: false, error: `cluster ${name}: token file ${file} is empty` };
  } catch (error) {
    return { ok: false, error: `cluster ${name}: cannot read token file ${file} (auth.tokenFile): ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
  }
  return { ok: true, read: async () => (await readFile(file, 'utf8')).trim() };
}
