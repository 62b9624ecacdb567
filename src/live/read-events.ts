import type { KubeEvent, KubeObject } from '../core/kube/types.ts';
import type { ListQuery, ObjectRef } from '../core/reader/cluster-reader.ts';
import type { ApiRead } from './api-read.ts';
import { EVENT_RESOURCES, type CallOptions, type KubeClients, type ListParams } from './kube-clients.ts';

export type ListPage = (clients: KubeClients, params: ListParams, options: CallOptions) => Promise<unknown>;
export type PageReader = (read: ApiRead, query: ListQuery, listPage: ListPage) => Promise<KubeObject[]>;

const APIS = [
  { ...EVENT_RESOURCES.core, field: 'involvedObject', apiVersion: 'v1' },
  { ...EVENT_RESOURCES.eventsV1, field: 'regarding', apiVersion: 'events.k8s.io/v1' },
] as const;

/**
 * Events about one object, from core/v1 and events.k8s.io/v1 alike, each asked with a field
 * selector on the object so the server filters (never a whole namespace's events). Both APIs
 * are views of the same stored events, so one event can come twice: it is kept once, by uid.
 * Cluster-scoped objects (nodes) have their events in whichever namespace the reporter chose,
 * so those are asked across all namespaces.
 */
export async function readEvents(about: ObjectRef, pages: PageReader): Promise<KubeEvent[]> {
  const namespace = about.namespace || undefined;
  const settled = await Promise.allSettled(
    APIS.map((api) => {
      const read: ApiRead = { verb: 'list', group: api.group, resource: 'events', namespaced: true, ...(namespace ? { namespace } : {}) };
      return pages(read, { fieldSelector: subjectSelector(api.field, about) }, (clients, params, options) => api.list(clients, namespace, params, options)).then(
        (items) => items.map((item) => ({ ...item, kind: item.kind ?? 'Event', apiVersion: item.apiVersion ?? api.apiVersion }) as KubeEvent),
      );
    }),
  );
  const [core, eventsV1] = settled;
  // Either API alone shows every event, so one that answers is enough (an old cluster has no
  // events.k8s.io/v1; a narrow Role may allow only one of them). Both failing is a gap.
  if (core!.status === 'rejected' && eventsV1!.status === 'rejected') throw core!.reason;
  const all = settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
  const seen = new Set<string>();
  return all.filter((event) => {
    const key = event.metadata.uid ?? `${event.metadata.namespace}/${event.metadata.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    // The uid tells this pod from an earlier one of the same name (StatefulSets reuse names);
    // it is compared here, not in the selector, because some reporters leave it empty.
    const subjectUid = subjectOf(event)?.uid;
    return !(about.uid && subjectUid && subjectUid !== about.uid);
  });
}

function subjectSelector(field: string, about: ObjectRef): string {
  const terms = [`${field}.name=${about.name}`];
  if (about.kind) terms.unshift(`${field}.kind=${about.kind}`);
  // No namespace term: the list is already in the object's namespace, where its events live.
  return terms.join(',');
}

function subjectOf(event: KubeEvent): { uid?: string } | undefined {
  const fields = event as { involvedObject?: { uid?: string }; regarding?: { uid?: string } };
  return fields.regarding ?? fields.involvedObject;
}
