import { containerViews, isTerminated, looksHealthy, podDisplayStatus } from './pod-status.ts';
import type { Pod } from './types.ts';

// Waiting reasons that mean the pod cannot make progress without a person.
const BLOCKED = new Set([
  'CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError',
  'CreateContainerError', 'RunContainerError', 'StartError', 'ContainerCannotRun', 'ErrImageNeverPull',
]);

const RECENT_MS = 60 * 60 * 1000;

/**
 * How badly a pod needs attention, for picking the worst pod of a workload and ordering triage:
 * higher is worse. Only status decides here; the detectors decide what is wrong.
 */
export function podSeverity(pod: Pod, now: Date): number {
  const status = podDisplayStatus(pod);
  if (pod.metadata.deletionTimestamp) {
    const age = now.getTime() - Date.parse(pod.metadata.deletionTimestamp);
    return age > 10 * 60 * 1000 ? 90 : 20;
  }
  if (status.startsWith('Init:') && !/^Init:\d+\/\d+$/.test(status)) return 85;
  const views = containerViews(pod);
  if (views.some((view) => BLOCKED.has(view.status?.state?.waiting?.reason ?? ''))) return 80;
  // An evicted pod is a record: its workload already replaced it. Checked before the container
  // reasons, because the kubelet marks an evicted pod's killed containers Error too.
  if (pod.status?.phase === 'Failed' && pod.status.reason === 'Evicted') return 40;
  if (pod.status?.phase === 'Pending') return 70;
  if (status === 'OOMKilled' || status === 'Error') return 75;
  if (pod.status?.phase === 'Failed') return 60;
  const recentRestart = views.some((view) => {
    const finished = view.status?.lastState?.terminated?.finishedAt;
    return finished !== undefined && now.getTime() - Date.parse(finished) < RECENT_MS;
  });
  if (recentRestart) return 65;
  if (!looksHealthy(pod) && !isTerminated(pod)) return 50;
  return 0;
}
