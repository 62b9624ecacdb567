import type { ContainerStatus, Pod } from '../core/kube/types.ts';
import { boundLog } from '../snapshot/snapshot-reader.ts';
import { badRequest, notFound, statusResponse, type ApiResponse } from './api-status.ts';
import { lineTimes, rfc3339Nano } from './log-timestamps.ts';
import type { ObjectStore } from './object-store.ts';

export interface LogParams {
  container?: string;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: string;
}

/**
 * GET pods/NAME/log as the API server and kubelet answer it: the API server picks the container
 * (pkg/registry/core/pod/strategy.go LogLocation), the kubelet picks the instance from the
 * container's state and refuses with its own sentences when there is none
 * (pkg/kubelet/kubelet_pods.go validateContainerLogStatus).
 */
export async function podLog(store: ObjectStore, namespace: string, name: string, params: LogParams): Promise<ApiResponse> {
  const pods = store.resources.find((r) => r.kind === 'Pod' && !r.group)!;
  const pod = store.get(pods, name, namespace) as Pod | undefined;
  if (!pod) return notFound({ group: '', version: 'v1', plural: 'pods', namespace, name });
  const invalid = invalidOptions(params);
  if (invalid) return statusResponse(422, `PodLogOptions "${name}" is invalid: ${invalid}`, { name, kind: 'PodLogOptions' });

  const containers = pod.spec.containers ?? [];
  const inits = pod.spec.initContainers ?? [];
  let container = params.container;
  if (!container) {
    if (containers.length === 0) return badRequest(`a container name must be specified for pod ${name}`);
    if (containers.length > 1) {
      const initNote = inits.length > 0 ? ` or one of the init containers: [${inits.map((c) => c.name).join(' ')}]` : '';
      return badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.map((c) => c.name).join(' ')}]${initNote}`);
    }
    container = containers[0]!.name;
  } else if (![...containers, ...inits, ...(pod.spec.ephemeralContainers ?? [])].some((c) => c.name === container)) {
    return badRequest(`container ${container} is not valid for pod ${name}`);
  }
  // No node yet, no kubelet to ask: the API server answers with nothing.
  if (!pod.spec.nodeName) return text('');

  const status = containerStatus(pod, container);
  const instance = logInstance(status, params.previous, container, name);
  if ('error' in instance) return badRequest(instance.error);
  const request = { namespace, pod: name, container };
  // A container waiting to restart still shows its last run, as `kubectl logs` does on a crash loop.
  const log =
    instance.which === 'last'
      ? ((await store.reader.logs({ ...request, previous: false })) ?? (await store.reader.logs({ ...request, previous: true })))
      : await store.reader.logs({ ...request, previous: instance.which === 'previous' });
  const startedAt = Date.parse(instance.startedAt ?? pod.status?.startTime ?? pod.metadata.creationTimestamp ?? '');
  const endedAt = Date.parse(instance.finishedAt ?? '') || store.moment.getTime();
  return text(shape(log ?? '', Number.isNaN(startedAt) ? undefined : startedAt, endedAt, store.moment.getTime(), params));
}

function invalidOptions(params: LogParams): string | undefined {
  if (params.tailLines !== undefined && params.tailLines < 0) return `tailLines: Invalid value: ${params.tailLines}: must be greater than or equal to 0`;
  if (params.limitBytes !== undefined && params.limitBytes < 1) return `limitBytes: Invalid value: ${params.limitBytes}: must be greater than 0`;
  if (params.sinceSeconds !== undefined && params.sinceSeconds < 1) return `sinceSeconds: Invalid value: ${params.sinceSeconds}: must be greater than 0`;
  if (params.sinceSeconds !== undefined && params.sinceTime) return 'sinceTime: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified';
  return undefined;
}

function containerStatus(pod: Pod, container: string): ContainerStatus | undefined {
  const status = pod.status ?? {};
  const ephemeral = (status as { ephemeralContainerStatuses?: ContainerStatus[] }).ephemeralContainerStatuses ?? [];
  return [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? []), ...ephemeral].find((s) => s.name === container);
}

type Instance = { which: 'current' | 'previous' | 'last'; startedAt?: string; finishedAt?: string } | { error: string };

function logInstance(status: ContainerStatus | undefined, previous: boolean, container: string, pod: string): Instance {
  const who = `container "${container}" in pod "${pod}"`;
  if (!status) return { error: `${who} is not available` };
  const { running, terminated, waiting } = status.state ?? {};
  const last = status.lastState?.terminated;
  if (previous) {
    return last ? { which: 'previous', startedAt: last.startedAt, finishedAt: last.finishedAt } : { error: `previous terminated ${who} not found` };
  }
  if (running) return { which: 'current', startedAt: running.startedAt };
  if (terminated) return { which: 'current', startedAt: terminated.startedAt, finishedAt: terminated.finishedAt };
  if (last) return { which: 'last', startedAt: last.startedAt, finishedAt: last.finishedAt };
  if (waiting?.reason === 'ErrImagePull') return { error: `${who} is waiting to start: image can't be pulled` };
  if (waiting?.reason === 'ImagePullBackOff') return { error: `${who} is waiting to start: trying and failing to pull image` };
  if (waiting) return { error: `${who} is waiting to start: ${waiting.reason ?? ''}` };
  return { error: `${who} is waiting to start - no logs yet` };
}

/** The kubelet's order: since, then tailLines, then timestamps, then limitBytes over what is written. */
function shape(log: string, startedAt: number | undefined, endedAt: number, now: number, params: LogParams): string {
  const lines = log.split('\n');
  const trailingNewline = lines.at(-1) === '';
  if (trailingNewline) lines.pop();
  const times = lineTimes(lines, startedAt ?? endedAt - lines.length * 1000, endedAt);
  let indexes = lines.map((_, index) => index);
  const since = params.sinceTime ? Date.parse(params.sinceTime) : params.sinceSeconds ? now - params.sinceSeconds * 1000 : undefined;
  if (since !== undefined && !Number.isNaN(since)) indexes = indexes.filter((index) => times[index]! >= since);
  if (params.tailLines !== undefined) indexes = indexes.slice(Math.max(0, indexes.length - params.tailLines));
  const out = indexes.map((index) => (params.timestamps ? `${rfc3339Nano(times[index]!)} ${lines[index]}` : lines[index]!));
  const written = out.join('\n') + (out.length > 0 && (trailingNewline || indexes.at(-1) !== lines.length - 1) ? '\n' : '');
  return boundLog(written, undefined, params.limitBytes);
}

function text(body: string): ApiResponse {
  return { status: 200, body, contentType: 'text/plain' };
}
