import { ReadFailure } from '../core/reader/cluster-reader.ts';
import { describeRead, type ApiRead } from './api-read.ts';

/** Where the read-only role the bot needs is written down; a 403 points there. */
export const RBAC_FILE = 'infra/k8s/rbac.yaml';

/** The parts of a metav1.Status the API server sends with every error that we show. */
export interface ApiStatus {
  message?: string;
  reason?: string;
}

/** Error bodies are Status objects; a proxy or load balancer in front may send HTML or text instead. */
export function parseStatus(body: string): ApiStatus {
  try {
    const parsed = JSON.parse(body) as { kind?: string; message?: unknown; reason?: unknown };
    if (parsed && typeof parsed === 'object') {
      return {
        ...(typeof parsed.message === 'string' ? { message: parsed.message } : {}),
        ...(typeof parsed.reason === 'string' ? { reason: parsed.reason } : {}),
      };
    }
  } catch {
    // not JSON: fall through to the text itself
  }
  const firstLine = body.trim().split('\n')[0]?.slice(0, 200);
  return firstLine ? { message: firstLine } : {};
}

/** Turns an HTTP error answer into the failure a person reads as a gap in the answer. */
export function failureForStatus(read: ApiRead, status: number, body: string): ReadFailure {
  const what = describeRead(read);
  const { message, reason } = parseStatus(body);
  const said = message ?? reason ?? `HTTP ${status}`;
  if (status === 401) {
    return new ReadFailure('unauthorized', what, `the API server rejected the credentials (401 ${reason ?? 'Unauthorized'}): the token or client certificate is expired, revoked or for another cluster`);
  }
  if (status === 403) {
    return new ReadFailure('forbidden', what, `RBAC does not allow "${read.verb}" on ${rbacResource(read)}${read.namespace ? ` in namespace ${read.namespace}` : ''} (${said}); ${RBAC_FILE} grants exactly the reads k8s-why makes`);
  }
  if (status === 404) return new ReadFailure('not-found', what, said);
  if (status === 408 || status === 504) return new ReadFailure('timeout', what, `the API server gave up waiting (${status}): ${said}`);
  if (status === 429) return new ReadFailure('unavailable', what, `the API server is shedding load (429 Too Many Requests): ${said}`);
  if (status === 400 || status === 422) return new ReadFailure('bad-request', what, said);
  if (status >= 500) return new ReadFailure('unavailable', what, `the API server failed (${status}${reason ? ` ${reason}` : ''}): ${said}`);
  return new ReadFailure('unreadable', what, `unexpected HTTP ${status}: ${said}`);
}

/** "events" in the core group, "deployments" in "apps", "pods/log": as a Role's rules write them. */
function rbacResource(read: ApiRead): string {
  const resource = read.subresource ? `${read.resource}/${read.subresource}` : read.resource;
  return `"${resource}" in API group "${read.group}"`;
}

/** Why a request got no HTTP answer at all, decided by whichever limit fired first. */
export type NoAnswer =
  | { kind: 'request-timeout'; timeoutMs: number }
  | { kind: 'budget-spent'; budgetMs: number }
  | { kind: 'not-sent'; error: unknown }
  | { kind: 'transport'; error: unknown };

export function failureWithoutAnswer(read: ApiRead, server: string, noAnswer: NoAnswer): ReadFailure {
  const what = describeRead(read);
  switch (noAnswer.kind) {
    case 'request-timeout':
      return new ReadFailure('timeout', what, `no answer from ${server} within ${seconds(noAnswer.timeoutMs)} (per-request timeout)`);
    case 'budget-spent':
      return new ReadFailure('timeout', what, `the ${seconds(noAnswer.budgetMs)} budget for this answer ran out before ${server} answered`);
    case 'not-sent':
      // The client could not even build the request: an exec plugin failed, a token or
      // certificate file is missing. The fix is the credentials, as for a 401.
      return new ReadFailure('unauthorized', what, `could not prepare credentials for ${server}: ${messageOf(noAnswer.error)}`);
    case 'transport':
      return transportFailure(what, server, noAnswer.error);
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL|EPROTO/;

function transportFailure(what: string, server: string, error: unknown): ReadFailure {
  const { code, message } = rootCause(error);
  if (code === 'ECONNREFUSED') return new ReadFailure('unavailable', what, `connection refused by ${server}: nothing listens there (wrong address or port, or the API server is down)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ReadFailure('unavailable', what, `cannot resolve the host of ${server} (${code})`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return new ReadFailure('unavailable', what, `the connection to ${server} was reset (${code})`);
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new ReadFailure('timeout', what, `${server} did not answer in time (${code})`);
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new ReadFailure('unreadable', what, `TLS with ${server} failed (${code}): the other end does not speak TLS there (a plain http endpoint, or a proxy in the way)`);
  }
  if (code && TLS_CODES.test(code)) {
    // Node appends a hint about --use-system-ca; the fix for a cluster is its CA in the config.
    const short = (message.split('\n')[0] ?? '').replace(/; if the root CA is installed locally.*$/, '');
    return new ReadFailure('unreadable', what, `TLS with ${server} failed (${code}: ${short}): check the cluster's certificate authority (certificate-authority-data) and server address`);
  }
  return new ReadFailure('unreadable', what, `request to ${server} failed: ${code ? `${code}: ` : ''}${message}`);
}

/** fetch wraps the socket error in TypeError("fetch failed"); happy eyeballs wraps several in an AggregateError. */
function rootCause(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth += 1) {
    const candidate = current as { code?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof candidate.code === 'string') return { code: candidate.code, message: messageOf(current) };
    current = candidate.cause ?? candidate.errors?.[0];
  }
  return { message: messageOf(error) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))}s`;
}
