import type { ParameterStore } from '../../app/environment.ts';

/**
 * SSM for loadEnvironment in Lambda: one GetParameters call for every name (SSM takes up to
 * ten), decrypting SecureStrings. The SDK is imported on first use, from the container's
 * first request, not at module load.
 */
export const ssmParameterStore: ParameterStore = async (names) => {
  const { SSMClient, GetParametersCommand } = await import('@aws-sdk/client-ssm');
  const client = new SSMClient({ maxAttempts: 3 });
  try {
    const answer = await client.send(new GetParametersCommand({ Names: [...names], WithDecryption: true }));
    const values: Record<string, string> = {};
    for (const name of names) {
      // Asked by ARN, SSM still answers with the name; match on either.
      const found = answer.Parameters?.find((parameter) => parameter.Name === name || parameter.ARN === name);
      if (found?.Value !== undefined) values[name] = found.Value;
    }
    return { values, missing: answer.InvalidParameters ?? [] };
  } finally {
    client.destroy();
  }
};
