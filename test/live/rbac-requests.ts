/** What RBAC authorizes a request by, as the API server's RequestInfoFactory derives it. */
export interface RbacAttributes {
  verb: string;
  group: string;
  /** "pods", or "pods/log" for a subresource. */
  resource: string;
}

export function rbacAttributes(request: { method: string; path: string; query: URLSearchParams }): RbacAttributes {
  const parts = request.path.split('/').filter(Boolean);
  const [group, rest] = parts[0] === 'api' ? ['', parts.slice(2)] : [parts[1] ?? '', parts.slice(3)];
  const scoped = rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
  const [resource = '', name, subresource] = scoped;
  const verb = request.method !== 'GET' ? request.method.toLowerCase() : request.query.get('watch') === 'true' ? 'watch' : name ? 'get' : 'list';
  return { verb, group, resource: subresource ? `${resource}/${subresource}` : resource };
}

export const attributeKey = (a: RbacAttributes) => `${a.verb} ${a.group || 'core'}/${a.resource}`;
