import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

// An EKS bearer token is a presigned STS GetCallerIdentity URL. The cluster's authenticator
// replays it against STS to learn who signed it, so no secret ever reaches the cluster and no
// binary (aws CLI, aws-iam-authenticator) is needed to make one. Format and limits as in
// aws-iam-authenticator's pkg/token: "k8s-aws-v1." + unpadded base64url of the URL, the
// cluster name signed in the x-k8s-aws-id header, X-Amz-Expires=60 (ignored by STS, which
// accepts the URL for 15 minutes after X-Amz-Date; the authenticator only checks 0..900).

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
const PRESIGN_EXPIRES_SECONDS = 60;
/** STS accepts the URL this long after signing. */
export const EKS_TOKEN_LIFETIME_MS = 15 * 60_000;
/** Refresh this long before that, so a token never expires between two requests. */
const REFRESH_MARGIN_MS = 60_000;

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Temporary credentials end; a token signed with them is no good after that either. */
  expiration?: Date;
}

export interface EksToken {
  token: string;
  /** When to stop using it: the earlier of the token's and the credentials' end, less a margin. */
  refreshAt: Date;
}

export function stsHostname(region: string): string {
  return region.startsWith('cn-') ? `sts.${region}.amazonaws.com.cn` : `sts.${region}.amazonaws.com`;
}

export async function presignEksToken(input: { clusterName: string; region: string; credentials: AwsCredentials; signedAt?: Date }): Promise<EksToken> {
  const signedAt = input.signedAt ?? new Date();
  const hostname = stsHostname(input.region);
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region: input.region,
    service: 'sts',
    sha256: Hash.bind(null, 'sha256'),
  });
  const presigned = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: hostname, [CLUSTER_ID_HEADER]: input.clusterName },
    },
    { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: signedAt },
  );
  const query = Object.entries(presigned.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  const url = `https://${hostname}/?${query}`;
  const tokenEnd = signedAt.getTime() + EKS_TOKEN_LIFETIME_MS;
  const credentialsEnd = input.credentials.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
  return {
    token: EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url'),
    refreshAt: new Date(Math.min(tokenEnd, credentialsEnd) - REFRESH_MARGIN_MS),
  };
}
