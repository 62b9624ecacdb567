import type { ContainerLog } from '../facts/facts.ts';
import type { ContainerView } from '../kube/pod-status.ts';
import type { ContainerStateTerminated } from '../kube/types.ts';
import { msBetween, formatDuration } from '../time/elapsed.ts';
import { formatExitCode } from './exit-codes.ts';

/** How a container instance ended, and where in the pod status that was read. */
export interface Termination {
  terminated: ContainerStateTerminated;
  /** true: the container is terminated right now (state); false: the previous instance (lastState). */
  current: boolean;
  /** The field path a person can check: "status.containerStatuses[api].lastState.terminated". */
  path: string;
}

/** "status.containerStatuses[api]" or "status.initContainerStatuses[migrate]". */
export function statusPath(view: ContainerView): string {
  return `status.${view.init ? 'initContainerStatuses' : 'containerStatuses'}[${view.name}]`;
}

/**
 * The latest ending of a container: the current state when it is terminated now, else the
 * previous instance. The kubelet keeps only one lastState, so older endings are gone.
 */
export function latestTermination(view: ContainerView): Termination | undefined {
  const state = view.status?.state?.terminated;
  if (state) return { terminated: state, current: true, path: `${statusPath(view)}.state.terminated` };
  const last = view.status?.lastState?.terminated;
  if (last) return { terminated: last, current: false, path: `${statusPath(view)}.lastState.terminated` };
  return undefined;
}

/** "reason OOMKilled, exit 137 (SIGKILL), ran 11h38m": the facts of one ending, for evidence. */
export function describeTermination(terminated: ContainerStateTerminated): string {
  const parts: string[] = [];
  if (terminated.reason) parts.push(`reason ${terminated.reason}`);
  parts.push(formatExitCode(terminated.exitCode));
  if (terminated.signal) parts.push(`signal ${terminated.signal}`);
  const ran = msBetween(terminated.startedAt, terminated.finishedAt);
  if (ran !== undefined && ran >= 0) parts.push(`ran ${formatDuration(ran)}`);
  if (terminated.finishedAt) parts.push(`finished ${terminated.finishedAt}`);
  return parts.join(', ');
}

/** The runtime that ran the container, from its ID prefix ("containerd://..."): its messages differ. */
export function runtimeOf(view: ContainerView, terminated?: ContainerStateTerminated): string | undefined {
  const id = terminated?.containerID ?? view.status?.containerID ?? view.status?.lastState?.terminated?.containerID;
  return id?.match(/^([a-z-]+):\/\//)?.[1];
}

/**
 * The output of the instance that ended: the previous instance's log for a lastState ending,
 * the current log for a container terminated now. While a container waits to restart, its
 * "current" log is still the last instance's (no new instance exists yet), so it stands in when
 * the previous log is missing; once a new instance runs, it does not.
 */
export function logOfEnding(view: ContainerView, ending: Termination | undefined, logs: readonly ContainerLog[]): ContainerLog | undefined {
  const of = (previous: boolean) => logs.find((log) => log.container === view.name && log.previous === previous && log.text.trim());
  if (ending?.current) return of(false);
  return of(true) ?? (view.status?.state?.running ? undefined : of(false));
}
