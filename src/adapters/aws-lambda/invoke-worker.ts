import type { LambdaClient } from '@aws-sdk/client-lambda';
import { describeError } from '../../app/environment.ts';
import type { SlackJob } from '../../slack/job.ts';

// The ingress's hand-over: an asynchronous invoke (InvocationType Event). Lambda answers 202
// as soon as the job is queued, typically in tens of milliseconds, so it fits inside Slack's
// 3 seconds; the worker runs afterwards and owns the answer.

let client: Promise<LambdaClient> | undefined;

/** One client per container, created on the first hand-over (the SDK is not loaded before). */
function lambdaClient(): Promise<LambdaClient> {
  return (client ??= import('@aws-sdk/client-lambda').then(
    ({ LambdaClient }) =>
      new LambdaClient({
        // A second attempt still fits Slack's budget; more would not. Region and endpoint
        // (AWS_ENDPOINT_URL_LAMBDA) come from the SDK's own configuration chain.
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
      }),
  ));
}

/** A dispatch for createSlackApp: resolves once Lambda has accepted the job, throws if it did not. */
export function invokeWorker(functionName: string): (job: SlackJob) => Promise<void> {
  return async (job) => {
    const [{ InvokeCommand }, lambda] = await Promise.all([import('@aws-sdk/client-lambda'), lambdaClient()]);
    let status: number | undefined;
    try {
      const answer = await lambda.send(
        new InvokeCommand({
          FunctionName: functionName,
          InvocationType: 'Event',
          Payload: new TextEncoder().encode(JSON.stringify(job)),
        }),
      );
      status = answer.StatusCode;
    } catch (error) {
      throw new Error(`lambda:InvokeFunction ${functionName} failed: ${describeError(error)}`, { cause: error });
    }
    if (status !== 202) throw new Error(`lambda:InvokeFunction ${functionName} answered ${status ?? 'no status'}, not 202 (queued)`);
  };
}
