// What reaches the ingress through a Function URL (or an HTTP API): payload format 2.0, the
// shape Bolt's AwsLambdaReceiver reads. Anything else is refused here with a 4xx, because the
// receiver would throw on it (no headers, a body it cannot parse) and a throw is a 502 with a
// stack trace in the log instead of an answer.

export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

export interface HttpRequest {
  ok: true;
  /** The event as Bolt should see it: body decoded, Content-Type without parameters. */
  event: Record<string, unknown>;
  /** The raw body Slack signed, as text. */
  body: string;
  header(name: string): string | undefined;
  /** Slack's check of a slash command's certificate (ssl_check=1): no command in it. */
  sslCheck: boolean;
}

export type ReadHttpEvent = HttpRequest | { ok: false; status: 400 | 405; reason: string };

export function readHttpEvent(event: unknown): ReadHttpEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return refuse(400, 'not an HTTP event');
  const fields = event as Record<string, unknown>;
  const method = methodOf(fields);
  if (method && method !== 'POST') return refuse(405, `Slack only POSTs; got ${method}`);
  const headers = fields.headers;
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return refuse(400, 'an HTTP event without headers');
  if (Object.values(headers).some((value) => typeof value !== 'string')) return refuse(400, 'HTTP headers that are not strings');
  if (fields.body !== undefined && fields.body !== null && typeof fields.body !== 'string') return refuse(400, 'an HTTP body that is not a string');

  // Bolt decodes base64 bodies as ASCII, which breaks the signature of any event carrying
  // non-ASCII text (a mention in French, an emoji). Decoded here as UTF-8, as Slack signed it.
  const raw = (fields.body as string | null | undefined) ?? '';
  const body = fields.isBase64Encoded === true ? Buffer.from(raw, 'base64').toString('utf8') : raw;

  const lowered = new Map(Object.entries(headers as Record<string, string>).map(([name, value]) => [name.toLowerCase(), value]));
  // Bolt compares the media type exactly; "application/json; charset=utf-8" would fall through.
  const contentType = lowered.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  const forBolt = Object.fromEntries([...lowered].filter(([name]) => name !== 'content-type'));
  if (contentType) forBolt['content-type'] = contentType;

  return {
    ok: true,
    event: { ...fields, headers: forBolt, body, isBase64Encoded: false },
    body,
    header: (name) => lowered.get(name.toLowerCase()),
    sslCheck: contentType === 'application/x-www-form-urlencoded' && new URLSearchParams(body).has('ssl_check'),
  };
}

function methodOf(fields: Record<string, unknown>): string | undefined {
  const context = fields.requestContext as { http?: { method?: unknown } } | undefined;
  const method = context?.http?.method ?? fields.httpMethod;
  return typeof method === 'string' ? method.toUpperCase() : undefined;
}

function refuse(status: 400 | 405, reason: string): ReadHttpEvent {
  return { ok: false, status, reason };
}
