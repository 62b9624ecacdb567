import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// The clusters configuration: one file (YAML or JSON) naming every cluster the bot may read,
// with where it is and how to authenticate. The CLI picks one with --cluster NAME; the Slack
// worker reads the same file. Secrets never go in it: a token is named by the file or
// environment variable that holds it, EKS credentials come from the AWS SDK's default chain.
//
//   defaultCluster: prod
//   clusters:
//     prod:                       # EKS; endpoint and CA from eks:DescribeCluster when omitted
//       namespace: shop
//       auth: { type: eks, clusterName: prod-eu, region: eu-west-1 }
//     staging:
//       endpoint: https://10.0.0.1:6443
//       certificateAuthorityData: LS0tLS1CRUdJTi...   # base64 PEM, as in a kubeconfig
//       auth: { type: token, tokenFile: /var/run/secrets/k8s-why/staging-token }
//     dev:
//       auth: { type: kubeconfig, context: kind-dev }

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

const eksAuth = z.strictObject({
  type: z.literal('eks'),
  clusterName: z.string().min(1, 'the EKS cluster name is required'),
  /** Defaults to AWS_REGION / AWS_DEFAULT_REGION, then to the region in an EKS endpoint's hostname. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'not an AWS region (like eu-west-1)').optional(),
  /** A profile from ~/.aws/config; without it the default chain (env, SSO, IRSA, instance role). */
  profile: z.string().min(1).optional(),
});

const tokenAuth = z
  .strictObject({
    type: z.literal('token'),
    tokenFile: z.string().min(1).optional(),
    tokenEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'not an environment variable name').optional(),
  })
  .refine((auth) => Boolean(auth.tokenFile) !== Boolean(auth.tokenEnv), { error: 'give exactly one of tokenFile or tokenEnv (never the token itself)' });

const kubeconfigAuth = z.strictObject({
  type: z.literal('kubeconfig'),
  context: z.string().min(1),
  /** Defaults to KUBECONFIG, then ~/.kube/config. */
  kubeconfig: z.string().min(1).optional(),
});

const clusterSchema = z
  .strictObject({
    endpoint: z.url({ protocol: /^https$/, error: 'must be an https:// URL of the API server' }).optional(),
    certificateAuthorityData: z.base64('must be base64 of the PEM CA bundle, as in a kubeconfig').optional(),
    certificateAuthorityFile: z.string().min(1).optional(),
    /** The namespace -n defaults to. */
    namespace: z.string().min(1).optional(),
    auth: z.discriminatedUnion('type', [eksAuth, tokenAuth, kubeconfigAuth], { error: 'must be eks, token or kubeconfig' }),
  })
  .superRefine((cluster, context) => {
    const hasCa = Boolean(cluster.certificateAuthorityData || cluster.certificateAuthorityFile);
    if (cluster.certificateAuthorityData && cluster.certificateAuthorityFile) {
      context.addIssue({ code: 'custom', path: ['certificateAuthorityFile'], message: 'give certificateAuthorityData or certificateAuthorityFile, not both' });
    }
    if (cluster.auth.type === 'kubeconfig' && (cluster.endpoint || hasCa)) {
      context.addIssue({ code: 'custom', path: ['endpoint'], message: 'a kubeconfig context brings its own endpoint and CA; remove them here' });
    }
    if (cluster.auth.type === 'token' && !cluster.endpoint) {
      context.addIssue({ code: 'custom', path: ['endpoint'], message: 'token auth needs the API server endpoint' });
    }
    if (cluster.auth.type === 'token' && !hasCa) {
      context.addIssue({ code: 'custom', path: ['certificateAuthorityData'], message: "token auth needs the cluster's CA to trust the API server" });
    }
    if (cluster.auth.type === 'eks' && Boolean(cluster.endpoint) !== hasCa) {
      context.addIssue({ code: 'custom', path: [cluster.endpoint ? 'certificateAuthorityData' : 'endpoint'], message: 'give both endpoint and CA, or neither (then eks:DescribeCluster supplies them)' });
    }
  });

const clustersFileSchema = z
  .strictObject({
    defaultCluster: z.string().optional(),
    clusters: z
      .record(z.string().regex(CLUSTER_NAME, 'cluster names are lower-case letters, digits, "-", "_" and "."'), clusterSchema)
      .refine((clusters) => Object.keys(clusters).length > 0, { error: 'name at least one cluster' }),
  })
  .superRefine((file, context) => {
    if (file.defaultCluster && !Object.hasOwn(file.clusters, file.defaultCluster)) {
      context.addIssue({ code: 'custom', path: ['defaultCluster'], message: `"${file.defaultCluster}" is not one of the clusters: ${Object.keys(file.clusters).join(', ')}` });
    }
  });

export type ClustersFile = z.infer<typeof clustersFileSchema>;
export type ClusterEntry = z.infer<typeof clusterSchema>;

export type ClustersFileResult = { ok: true; file: ClustersFile } | { ok: false; error: string };

/** Validates parsed YAML/JSON; a problem names its key ("clusters.prod.auth.region") and why. */
export function parseClustersFile(value: unknown, path: string): ClustersFileResult {
  const result = clustersFileSchema.safeParse(value);
  if (result.success) return { ok: true, file: result.data };
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const key = issue.path.map(String).join('.');
    return `${key || '(top level)'}: ${issue.message}`;
  });
  return { ok: false, error: `clusters file ${path} is invalid: ${problems.join('; ')}` };
}

export async function readClustersFile(path: string): Promise<ClustersFileResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: `cannot read clusters file ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error)}` };
  }
  let value: unknown;
  try {
    // YAML 1.2 reads JSON too, so one parser serves both spellings.
    value = parseYaml(text, { prettyErrors: true });
  } catch (error) {
    return { ok: false, error: `clusters file ${path} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}` };
  }
  return parseClustersFile(value, path);
}

export type PickedCluster = { ok: true; name: string; cluster: ClusterEntry } | { ok: false; error: string };

/** --cluster NAME, else the file's defaultCluster, else its only cluster. */
export function pickCluster(file: ClustersFile, name?: string): PickedCluster {
  const names = Object.keys(file.clusters);
  const chosen = name ?? file.defaultCluster ?? (names.length === 1 ? names[0] : undefined);
  if (!chosen) return { ok: false, error: `the clusters file names ${names.length} clusters (${names.join(', ')}): pick one with --cluster NAME or set defaultCluster` };
  const cluster = file.clusters[chosen];
  if (!cluster) return { ok: false, error: `no cluster "${chosen}" in the clusters file; it has: ${names.join(', ')}` };
  return { ok: true, name: chosen, cluster };
}
