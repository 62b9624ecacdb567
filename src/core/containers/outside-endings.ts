import type { TimelineEvent } from '../events/timeline.ts';
import type { PodFacts } from '../facts/facts.ts';
import type { ContainerStateTerminated } from '../kube/types.ts';
import { msBetween } from '../time/elapsed.ts';

// Endings the program had no say in: the kubelet or the node stopped the container along with
// everything else in the pod or on the node, and started it again. They leave a restart and an
// exit code (0 or 143 after a handled SIGTERM, 137, 255) that read like a crash:
//   SandboxChanged  pod event "Pod sandbox changed, it will be killed and re-created.": the
//                   kubelet found the pod's sandbox gone (a runtime restart, a node reboot, the
//                   CNI tearing the network down) and restarts every container in a new one;
//   Rebooted        node event "Node x has been rebooted, boot id: ..." (kubelet);
//   reason Unknown  containerd's CRI, after a restart, could not load how the task ended and
//                   reports exit 255 (containerd/containerd#3873).

/** How far from the container's end an event may be and still be about the same stop. */
const SAME_STOP_MS = 10 * 60 * 1000;

function near(event: TimelineEvent, finishedAt: string | undefined): boolean {
  const gap = msBetween(finishedAt, event.lastSeen) ?? msBetween(finishedAt, event.firstSeen);
  return gap !== undefined && Math.abs(gap) <= SAME_STOP_MS;
}

/** Why the container was stopped from outside, in words for evidence; undefined when it ended by itself. */
export function endedFromOutside(pod: PodFacts, terminated: ContainerStateTerminated): string | undefined {
  const sandbox = pod.events.find((event) => event.reason === 'SandboxChanged' && near(event, terminated.finishedAt));
  if (sandbox) return `its pod sandbox was recreated (SandboxChanged at ${sandbox.lastSeen ?? '?'})`;
  const reboot = pod.nodeEvents.find((event) => event.reason === 'Rebooted' && near(event, terminated.finishedAt));
  if (reboot) return `its node rebooted (Rebooted at ${reboot.lastSeen ?? '?'})`;
  if (terminated.reason === 'Unknown' && terminated.exitCode === 255) {
    return 'the container runtime lost it (reason Unknown, exit 255: containerd restarted and could not tell how it ended)';
  }
  return undefined;
}
