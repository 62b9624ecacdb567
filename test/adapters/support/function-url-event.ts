import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { SIGNING_SECRET, slackSignature } from '../../slack/support/signed-requests.ts';

export interface EventOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  contentType?: string;
  /** HTTP APIs (and Function URLs, for non-text types) hand the body over base64-encoded. */
  base64?: boolean;
  /** Replace or drop (undefined) headers after signing. */
  headers?: Record<string, string | undefined>;
  method?: string;
}

/**
 * A signed Slack request as the ingress Lambda receives it through its Function URL: payload
 * format 2.0 (the same as an HTTP API), lower-case headers, Slack's user agent.
 */
export function functionUrlEvent(body: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    host: 'k7xq2mrdqwmt5bgyhn4tjzfwka0qrvpl.lambda-url.eu-west-1.on.aws',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-forwarded-for': '3.90.81.71',
    'x-forwarded-proto': 'https',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, timestamp, options.secret ?? SIGNING_SECRET),
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const method = options.method ?? 'POST';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/slack/events',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'k7xq2mrdqwmt5bgyhn4tjzfwka0qrvpl',
      domainName: headers.host!,
      domainPrefix: 'k7xq2mrdqwmt5bgyhn4tjzfwka0qrvpl',
      http: { method, path: '/slack/events', protocol: 'HTTP/1.1', sourceIp: '3.90.81.71', userAgent: headers['user-agent']! },
      requestId: 'b6f1c2d3-1f2e-4c5d-9a8b-7c6d5e4f3a2b',
      routeKey: '$default',
      stage: '$default',
      time: new Date(timestamp * 1000).toUTCString(),
      timeEpoch: timestamp * 1000,
    },
    body: options.base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: Boolean(options.base64),
  };
}

/** What the Lambda runtime passes as the second argument, with a clock that says how long is left. */
export function lambdaContext(functionName: string, timeoutMs = 60_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-1:111122223333:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: '7f0e3c1a-5b2d-4e6f-8a9b-0c1d2e3f4a5b',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2026/11/21/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(deadline - Date.now(), 0),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
