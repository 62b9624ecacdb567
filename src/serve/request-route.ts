/**
 * What a request path asks for, in the API server's terms. Parsed once and used both to answer
 * and to word errors ("cannot list resource \"events\" in API group \"\" in the namespace \"shop\"").
 */
export type Route =
  | { type: 'version' }
  | { type: 'health' }
  | { type: 'api-versions' }
  | { type: 'group-list' }
  | { type: 'group'; group: string }
  | { type: 'resource-list'; group: string; version: string }
  | ({ type: 'resource' } & ResourceTarget)
  | { type: 'unknown-api' }
  | { type: 'not-api' };

export interface ResourceTarget {
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  /** "log" for pods/NAME/log; anything else is answered as unknown. */
  subresource?: string;
}

/** The RBAC verb a read is checked against: get for one object or a subresource, list otherwise. */
export function rbacVerb(target: ResourceTarget): 'get' | 'list' {
  return target.name ? 'get' : 'list';
}

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (pathname === '/version' || pathname === '/version/') return { type: 'version' };
  if (['/healthz', '/livez', '/readyz'].includes(pathname)) return { type: 'health' };
  if (parts[0] === 'api') {
    if (parts.length === 1) return { type: 'api-versions' };
    if (parts.length === 2) return { type: 'resource-list', group: '', version: parts[1]! };
    return resourceRoute('', parts[1]!, parts.slice(2));
  }
  if (parts[0] === 'apis') {
    if (parts.length === 1) return { type: 'group-list' };
    if (parts.length === 2) return { type: 'group', group: parts[1]! };
    if (parts.length === 3) return { type: 'resource-list', group: parts[1]!, version: parts[2]! };
    return resourceRoute(parts[1]!, parts[2]!, parts.slice(3));
  }
  return { type: 'not-api' };
}

// After /api/v1 or /apis/GROUP/VERSION: RESOURCE[/NAME[/SUB]] or namespaces/NS/RESOURCE[/NAME[/SUB]].
// "namespaces/NS" alone is the Namespace object itself.
function resourceRoute(group: string, version: string, rest: string[]): Route {
  const base = { type: 'resource' as const, group, version };
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const [, namespace, plural, name, subresource, ...extra] = rest;
    if (extra.length > 0) return { type: 'unknown-api' };
    return { ...base, plural: plural!, namespace, name, subresource };
  }
  const [plural, name, subresource, ...extra] = rest;
  if (extra.length > 0) return { type: 'unknown-api' };
  return { ...base, plural: plural!, name, subresource };
}
