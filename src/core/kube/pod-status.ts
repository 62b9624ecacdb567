import type { Container, ContainerStatus, Pod } from './types.ts';

/** A container's spec next to its status: most detectors need both. */
export interface ContainerView {
  name: string;
  init: boolean;
  /** An init container with restartPolicy Always: a native sidecar that keeps running. */
  sidecar: boolean;
  spec?: Container;
  status?: ContainerStatus;
}

export function containerViews(pod: Pod): ContainerView[] {
  const views: ContainerView[] = [];
  const initStatuses = pod.status?.initContainerStatuses ?? [];
  for (const spec of pod.spec.initContainers ?? []) {
    views.push({
      name: spec.name,
      init: true,
      sidecar: spec.restartPolicy === 'Always',
      spec,
      status: initStatuses.find((s) => s.name === spec.name),
    });
  }
  const statuses = pod.status?.containerStatuses ?? [];
  for (const spec of pod.spec.containers ?? []) {
    views.push({ name: spec.name, init: false, sidecar: false, spec, status: statuses.find((s) => s.name === spec.name) });
  }
  return views;
}

/** Regular containers and native sidecars: the ones that run for the pod's life. */
export function runningContainers(pod: Pod): ContainerView[] {
  return containerViews(pod).filter((view) => !view.init || view.sidecar);
}

export function totalRestarts(pod: Pod): number {
  return containerViews(pod).reduce((sum, view) => sum + (view.status?.restartCount ?? 0), 0);
}

export function isTerminated(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * kubectl's STATUS column (printers.go printPod), which people already read fluently:
 * the pod reason, else the init progress, else the first waiting or terminated reason of a
 * container, else Terminating or the phase.
 */
export function podDisplayStatus(pod: Pod): string {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || 'Unknown';
  // Kubernetes 1.26+: a pod held back by scheduling gates.
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';
  let initializing = false;
  const initSpecs = pod.spec.initContainers ?? [];
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [index, cs] of initStatuses.entries()) {
    const term = cs.state?.terminated;
    if (term && term.exitCode === 0) continue;
    const sidecar = initSpecs.find((c) => c.name === cs.name)?.restartPolicy === 'Always';
    if (sidecar && cs.started) continue;
    if (term) {
      reason = term.reason ? `Init:${term.reason}` : term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
    } else if (cs.state?.waiting?.reason && cs.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${cs.state.waiting.reason}`;
    } else {
      reason = `Init:${index}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }
  // A pod whose Initialized condition is True is past its init containers, whatever a
  // sidecar's state says (a native sidecar killed at the end of a Job, say).
  if (!initializing || podCondition(pod, 'Initialized')?.status === 'True') {
    let hasRunning = false;
    for (const cs of [...(status.containerStatuses ?? [])].reverse()) {
      if (cs.state?.waiting?.reason) reason = cs.state.waiting.reason;
      else if (cs.state?.terminated?.reason) reason = cs.state.terminated.reason;
      else if (cs.state?.terminated) {
        reason = cs.state.terminated.signal ? `Signal:${cs.state.terminated.signal}` : `ExitCode:${cs.state.terminated.exitCode}`;
      } else if (cs.ready && cs.state?.running) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = podCondition(pod, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
  }
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && !terminal) reason = 'Terminating';
  return reason;
}

/** "1/2": ready containers over containers, as kubectl shows. */
export function readyCount(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((s) => s.ready).length;
  return `${ready}/${pod.spec.containers.length}`;
}

export function podCondition(pod: Pod, type: string) {
  return pod.status?.conditions?.find((c) => c.type === type);
}

/** Running and Ready, or finished successfully: nothing for a person to do. */
export function looksHealthy(pod: Pod): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  if (pod.status?.phase === 'Succeeded') return true;
  return pod.status?.phase === 'Running' && podCondition(pod, 'Ready')?.status === 'True';
}
