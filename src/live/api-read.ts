/**
 * One read of the Kubernetes API, described by the attributes RBAC authorizes it with
 * (verb, API group, resource, subresource, namespace). A failed read is reported in these
 * terms, "list events in shop", so a person can match it to a rule in infra/k8s/rbac.yaml.
 */
export interface ApiRead {
  verb: 'get' | 'list';
  /** "" for the core group. */
  group: string;
  /** Plural resource name as RBAC spells it: "pods", "events", "storageclasses". */
  resource: string;
  subresource?: 'log';
  /** Whether the resource lives in namespaces (pods) or not (nodes). */
  namespaced: boolean;
  /** Undefined for cluster-scoped resources and for lists across all namespaces. */
  namespace?: string;
  name?: string;
}

/** "get pods api-1 in shop", "list events.events.k8s.io in all namespaces", "get pods/log api-1 in shop". */
export function describeRead(read: ApiRead): string {
  const resource = `${read.resource}${read.group ? `.${read.group}` : ''}${read.subresource ? `/${read.subresource}` : ''}`;
  const name = read.name ? ` ${read.name}` : '';
  const scope = !read.namespaced ? '' : read.namespace ? ` in ${read.namespace}` : ' in all namespaces';
  return `${read.verb} ${resource}${name}${scope}`;
}
