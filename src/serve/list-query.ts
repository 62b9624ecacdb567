import type { KubeObject } from '../core/kube/types.ts';
import { matchesRequirements, parseLabelSelector } from '../core/kube/selectors.ts';
import type { ApiResource } from './api-resources.ts';
import { badRequest, type ApiResponse } from './api-status.ts';
import { fieldFilter } from './field-labels.ts';
import { compareKeys, storageKey, type ObjectStore } from './object-store.ts';

export interface ListParams {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ListPage {
  items: KubeObject[];
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}

/**
 * One page of a list as the API server computes it: selectors first, then `limit` items from
 * the `continue` position in storage order. The continue token has the API server's form
 * (base64url JSON naming the key to resume after); clients must treat it as opaque.
 */
export function listPage(store: ObjectStore, resource: ApiResource, namespace: string | undefined, params: ListParams): ListPage | ApiResponse {
  let labels;
  try {
    labels = parseLabelSelector(params.labelSelector);
  } catch (error) {
    return badRequest(`unable to parse requirement: ${(error as Error).message}`);
  }
  const fields = fieldFilter(resource, params.fieldSelector, params.labelSelector ?? '');
  if (!fields.ok) return badRequest(fields.message);
  let start = '';
  if (params.continue) {
    const decoded = decodeContinue(params.continue);
    if (decoded === undefined) return badRequest('invalid continue token: the token is not one this server issued');
    start = decoded;
  }
  const matching = store
    .list(resource, namespace)
    .filter((object) => compareKeys(storageKey(object), start) >= 0)
    .filter((object) => matchesRequirements(object.metadata.labels, labels) && fields.matches(object));
  const limit = params.limit && params.limit > 0 ? params.limit : matching.length;
  const items = matching.slice(0, limit);
  const metadata: ListPage['metadata'] = { resourceVersion: store.resourceVersion };
  if (matching.length > limit) {
    metadata.continue = encodeContinue(store.resourceVersion, `${storageKey(items.at(-1)!)}\u0000`);
    // The API server only counts what is left when it can do so without filtering.
    if (!params.labelSelector && !params.fieldSelector) metadata.remainingItemCount = matching.length - limit;
  }
  return { items, metadata };
}

function encodeContinue(resourceVersion: string, start: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(resourceVersion), start })).toString('base64url');
}

function decodeContinue(token: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; start?: unknown };
    return parsed.v === 'meta.k8s.io/v1' && typeof parsed.start === 'string' ? parsed.start : undefined;
  } catch {
    return undefined;
  }
}

export function isListPage(value: ListPage | ApiResponse): value is ListPage {
  return 'items' in value;
}
