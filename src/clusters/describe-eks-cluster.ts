import type { CredentialSource } from './eks-token-source.ts';

export interface EksClusterAddress {
  endpoint: string;
  /** Base64 of the PEM CA bundle, as EKS returns it and a kubeconfig holds it. */
  caData: string;
}

export type DescribeResult = { ok: true; address: EksClusterAddress } | { ok: false; error: string };

export interface DescribeInput {
  clusterName: string;
  region: string;
  credentials: CredentialSource;
  /** Another EKS endpoint (a VPC endpoint, or a test server). */
  eksEndpoint?: string;
}

/**
 * An EKS cluster's API endpoint and CA from eks:DescribeCluster, for a clusters file that
 * names the cluster but not where it is. The SDK client is imported on first use only.
 */
export async function describeEksCluster(input: DescribeInput): Promise<DescribeResult> {
  const { EKSClient, DescribeClusterCommand } = await import('@aws-sdk/client-eks');
  const client = new EKSClient({ region: input.region, credentials: input.credentials, maxAttempts: 2, ...(input.eksEndpoint ? { endpoint: input.eksEndpoint } : {}) });
  const asked = `eks:DescribeCluster ${input.clusterName} in ${input.region}`;
  try {
    const { cluster } = await client.send(new DescribeClusterCommand({ name: input.clusterName }));
    const endpoint = cluster?.endpoint;
    const caData = cluster?.certificateAuthority?.data;
    if (!endpoint || !caData) {
      return { ok: false, error: `${asked} returned no endpoint or CA yet (cluster status ${cluster?.status ?? 'unknown'}): is it still being created?` };
    }
    return { ok: true, address: { endpoint, caData } };
  } catch (error) {
    return { ok: false, error: `${asked} failed: ${explain(error)}` };
  } finally {
    client.destroy();
  }
}

function explain(error: unknown): string {
  const name = (error as { name?: string }).name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'ResourceNotFoundException') return `no such cluster (${message})`;
  if (name === 'AccessDeniedException' || name === 'UnrecognizedClientException' || name === 'InvalidSignatureException') {
    return `${name}: ${message}. Allow eks:DescribeCluster, or put endpoint and certificateAuthorityData in the clusters file`;
  }
  if (name === 'CredentialsProviderError') return `no AWS credentials: ${message}`;
  return `${name ? `${name}: ` : ''}${message}`;
}
