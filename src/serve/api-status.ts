import type { ResourceTarget } from './request-route.ts';
import { rbacVerb } from './request-route.ts';

/** An answer before it is written: status, JSON (or text) body, extra headers. */
export interface ApiResponse {
  status: number;
  body: unknown;
  /** Defaults to application/json; logs are text/plain. */
  contentType?: string;
  headers?: Record<string, string>;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** A metav1.Status failure, the body every API error carries and clients branch on (reason, code). */
export function statusResponse(code: number, message: string, details?: Record<string, unknown>, headers?: Record<string, string>): ApiResponse {
  const reason = REASONS[code] ?? (code >= 500 ? 'InternalError' : 'BadRequest');
  return {
    status: code,
    headers,
    body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details: details ?? {}, code },
  };
}

export const badRequest = (message: string) => statusResponse(400, message);

/** `pods`, `deployments.apps`: how the API server names a resource in error messages. */
function qualified(target: ResourceTarget): string {
  return target.group ? `${target.plural}.${target.group}` : target.plural;
}

function detailsOf(target: ResourceTarget): Record<string, unknown> {
  return { ...(target.name ? { name: target.name } : {}), ...(target.group ? { group: target.group } : {}), kind: target.plural };
}

export function notFound(target: ResourceTarget): ApiResponse {
  return statusResponse(404, `${qualified(target)} "${target.name}" not found`, detailsOf(target));
}

export const unknownResource = (): ApiResponse => statusResponse(404, 'the server could not find the requested resource');

export const methodNotAllowed = (): ApiResponse => statusResponse(405, 'the server does not allow this method on the requested resource');

/**
 * The failure a real API server gives for `code` on this request: RBAC's sentence for 403,
 * the priority-and-fairness answer for 429, the timeout filter's for 504. Used for injected
 * faults, so a client under test meets the bodies it will meet in production.
 */
export function failureFor(code: number, target: ResourceTarget | undefined, user: string): ApiResponse {
  const resource = target ? (target.subresource ? `${target.plural}/${target.subresource}` : target.plural) : '';
  switch (code) {
    case 401:
      return statusResponse(401, 'Unauthorized');
    case 403: {
      if (!target) return statusResponse(403, `forbidden: User "${user}" cannot get path`);
      const subject = target.name ? `${qualified(target)} "${target.name}"` : qualified(target);
      const scope = target.namespace ? `in the namespace "${target.namespace}"` : 'at the cluster scope';
      const message = `${subject} is forbidden: User "${user}" cannot ${rbacVerb(target)} resource "${resource}" in API group "${target.group}" ${scope}`;
      return statusResponse(403, message, detailsOf(target));
    }
    case 404:
      return target?.name ? notFound(target) : unknownResource();
    case 429:
      return statusResponse(429, 'Too many requests, please try again later.', { retryAfterSeconds: 1 }, { 'Retry-After': '1' });
    case 500:
      return statusResponse(500, 'Internal error occurred: injected by k8s-why serve', { causes: [{ message: 'injected by k8s-why serve' }] });
    case 503:
      return statusResponse(503, 'the server is currently unable to handle the request', target ? detailsOf(target) : {});
    case 504:
      return statusResponse(504, 'Timeout: request did not complete within requested timeout - context deadline exceeded');
    default:
      return statusResponse(code, `injected failure ${code} by k8s-why serve`);
  }
}
