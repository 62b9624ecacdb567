import type { CoreEvent, KubeObject } from '../core/kube/types.ts';
import { parseFieldSelector } from '../core/kube/selectors.ts';
import type { ApiResource } from './api-resources.ts';
import { toCoreEvent } from './event-shapes.ts';

// The field labels each resource accepts in a fieldSelector, as the API server registers them
// (pkg/apis/core/v1/conversion.go and the registries' GetAttrs). Anything else is a 400, as on
// a real cluster: a client that sends an unsupported selector must find out here, not in prod.

type FieldValue = (object: KubeObject) => unknown;

const at =
  (path: string, fallback: unknown = ''): FieldValue =>
  (object) =>
    path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), object) ??
    fallback;

const META: Record<string, FieldValue> = { 'metadata.name': at('metadata.name'), 'metadata.namespace': at('metadata.namespace') };

const INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

/** Stored events are core-shaped; these read them under their core/v1 field labels. */
const CORE_EVENT_FIELDS: Record<string, FieldValue> = {
  ...META,
  ...Object.fromEntries(INVOLVED.map((field) => [`involvedObject.${field}`, at(`involvedObject.${field}`)])),
  reason: at('reason'),
  reportingComponent: at('reportingComponent'),
  // The registry selects on source.component, falling back to the reporting controller.
  source: (object) => (object as CoreEvent).source?.component || (object as CoreEvent).reportingComponent || '',
  type: at('type'),
};

/** events.k8s.io/v1 labels, mapped onto the core fields as the API server's conversion does. */
const asCore =
  (label: string): FieldValue =>
  (object) =>
    CORE_EVENT_FIELDS[label]!(toCoreEvent(object));
const EVENTS_V1_FIELDS: Record<string, FieldValue> = {
  ...META,
  ...Object.fromEntries(INVOLVED.map((field) => [`regarding.${field}`, asCore(`involvedObject.${field}`)])),
  reason: asCore('reason'),
  reportingController: asCore('reportingComponent'),
  source: asCore('source'),
  type: asCore('type'),
};

const BY_RESOURCE: Record<string, Record<string, FieldValue>> = {
  '/pods': {
    ...META,
    'spec.nodeName': at('spec.nodeName'),
    // Old clients still send spec.host; the API server maps it to spec.nodeName.
    'spec.host': at('spec.nodeName'),
    'spec.restartPolicy': at('spec.restartPolicy'),
    'spec.schedulerName': at('spec.schedulerName'),
    'spec.serviceAccountName': at('spec.serviceAccountName'),
    'spec.hostNetwork': at('spec.hostNetwork', false),
    'status.phase': at('status.phase'),
    'status.podIP': at('status.podIP'),
    'status.nominatedNodeName': at('status.nominatedNodeName'),
  },
  '/nodes': { 'metadata.name': META['metadata.name']!, 'spec.unschedulable': at('spec.unschedulable', false) },
  '/events': CORE_EVENT_FIELDS,
  'events.k8s.io/events': EVENTS_V1_FIELDS,
  '/secrets': { ...META, type: at('type') },
  '/namespaces': { ...META, 'status.phase': at('status.phase') },
  '/replicationcontrollers': { ...META, 'status.replicas': at('status.replicas', 0) },
  'apps/replicasets': { ...META, 'status.replicas': at('status.replicas', 0) },
  'batch/jobs': { ...META, 'status.successful': at('status.successful', 0) },
};

export type FieldFilter = { ok: true; matches: (object: KubeObject) => boolean } | { ok: false; message: string };

/** Compiles a fieldSelector for one resource, or says why the API server would refuse it. */
export function fieldFilter(resource: ApiResource, selector: string | undefined, labelSelector = ''): FieldFilter {
  const fields = BY_RESOURCE[`${resource.group}/${resource.plural}`] ?? META;
  let requirements;
  try {
    requirements = parseFieldSelector(selector);
  } catch (error) {
    return { ok: false, message: `invalid field selector: ${(error as Error).message}` };
  }
  const unsupported = requirements.find((requirement) => !fields[requirement.path]);
  if (unsupported) {
    const gvr = `${resource.group}/${resource.version}, Resource=${resource.plural}`;
    return {
      ok: false,
      message: `Unable to find "${gvr}" that match label selector "${labelSelector}", field selector "${selector}": field label not supported: ${unsupported.path}`,
    };
  }
  return {
    ok: true,
    matches: (object) =>
      requirements.every((requirement) => {
        const value = String(fields[requirement.path]!(object));
        return requirement.equals ? value === requirement.value : value !== requirement.value;
      }),
  };
}
