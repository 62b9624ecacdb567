import { toGap } from './gather/read-or-gap.ts';
import type { Gap } from './facts/gap.ts';
import type { ClusterReader } from './reader/cluster-reader.ts';
import { parseTarget } from './target/parse-target.ts';
import { resolveTarget } from './target/resolve-target.ts';
import { containerViews } from './kube/pod-status.ts';

export interface PodLogsRequest {
  target: string;
  namespace: string;
  container?: string;
  previous: boolean;
  tailLines?: number;
}

export type PodLogsResult =
  | { ok: true; pod: string; container: string; previous: boolean; text: string }
  | { ok: false; error: string; kind: 'usage' | 'missing' | 'unreadable'; gap?: Gap };

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * `logs` for a pod or a workload's worst pod. With several containers and none named, it picks
 * the one that is failing (else kubectl's default container), not blindly the first.
 */
export async function readPodLogs(reader: ClusterReader, request: PodLogsRequest, redact: (text: string) => string, now: Date): Promise<PodLogsResult> {
  const parsed = parseTarget(request.target);
  if (!parsed.ok) return { ok: false, kind: 'usage', error: parsed.error };
  let resolved;
  try {
    resolved = await resolveTarget(reader, parsed.spec, request.target, request.namespace, now);
  } catch (error) {
    const gap = toGap(`find ${request.target} in ${request.namespace}`, error);
    return { ok: false, kind: 'unreadable', error: `could not ${gap.what}: ${gap.detail}`, gap };
  }
  const resolution = resolved.resolution;
  if (resolution.outcome === 'ambiguous') {
    return { ok: false, kind: 'usage', error: `"${request.target}" matches ${resolution.candidates.length} pods: ${resolution.candidates.map((c) => c.name).join(', ')}` };
  }
  const pod = resolution.outcome === 'missing' ? undefined : resolution.pod;
  if (!pod) return { ok: false, kind: 'missing', error: `no pod matches "${request.target}" in namespace ${request.namespace}` };
  const views = containerViews(pod);
  const names = views.map((view) => view.name);
  if (request.container && !names.includes(request.container)) {
    return { ok: false, kind: 'usage', error: `pod ${pod.metadata.name} has no container "${request.container}"; it has: ${names.join(', ')}` };
  }
  const failing = views.find((view) => !view.init && (view.status?.restartCount ?? 0) > 0) ?? views.find((view) => view.init && view.status?.state?.terminated && view.status.state.terminated.exitCode !== 0);
  const container = request.container ?? pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? failing?.name ?? pod.spec.containers[0]!.name;
  const name = pod.metadata.name ?? '';
  try {
    const text = await reader.logs({ namespace: request.namespace, pod: name, container, previous: request.previous, tailLines: request.tailLines ?? 500, limitBytes: 1024 * 1024 });
    return { ok: true, pod: name, container, previous: request.previous, text: redact(text ?? '') };
  } catch (error) {
    const gap = toGap(`get pods/log ${name} -c ${container}`, error);
    return { ok: false, kind: 'unreadable', error: `could not ${gap.what}: ${gap.detail}`, gap };
  }
}
