import { presignEksToken, type AwsCredentials, type EksToken } from './eks-token.ts';

/** Where AWS credentials come from; the default is the SDK's chain. */
export type CredentialSource = () => Promise<AwsCredentials>;

/**
 * The AWS SDK's default credential chain (environment, SSO, web identity as on IRSA and EKS Pod
 * Identity, shared files, container and instance roles), optionally pinned to a profile. It
 * memoizes and refreshes temporary credentials itself. Imported on first use, so a kubeconfig
 * user never loads the AWS SDK.
 */
export function defaultCredentialSource(profile?: string): CredentialSource {
  let provider: CredentialSource | undefined;
  return async () => {
    if (!provider) {
      const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
      provider = defaultProvider(profile ? { profile } : {});
    }
    return provider();
  };
}

/**
 * EKS bearer tokens for one cluster, minted in-process and reused until shortly before they
 * (or the credentials that signed them) expire. Concurrent requests share one minting.
 */
export class EksTokenSource {
  readonly clusterName: string;
  readonly region: string;
  readonly #credentials: CredentialSource;
  readonly #clock: () => Date;
  #cached: EksToken | undefined;
  #minting: Promise<EksToken> | undefined;

  constructor(clusterName: string, region: string, credentials: CredentialSource, clock: () => Date = () => new Date()) {
    this.clusterName = clusterName;
    this.region = region;
    this.#credentials = credentials;
    this.#clock = clock;
  }

  async token(): Promise<string> {
    if (this.#cached && this.#clock() < this.#cached.refreshAt) return this.#cached.token;
    this.#minting ??= this.#mint().finally(() => {
      this.#minting = undefined;
    });
    return (await this.#minting).token;
  }

  async #mint(): Promise<EksToken> {
    const credentials = await this.#credentials();
    const minted = await presignEksToken({ clusterName: this.clusterName, region: this.region, credentials, signedAt: this.#clock() });
    this.#cached = minted;
    return minted;
  }
}

// One source per cluster, region and profile for the life of the process: a Slack worker that
// opens a reader per question still signs a token once every 14 minutes, not per question.
const sources = new Map<string, EksTokenSource>();

export function sharedEksTokenSource(clusterName: string, region: string, profile?: string): EksTokenSource {
  const key = `${region}/${clusterName}/${profile ?? ''}`;
  let source = sources.get(key);
  if (!source) {
    source = new EksTokenSource(clusterName, region, defaultCredentialSource(profile));
    sources.set(key, source);
  }
  return source;
}
