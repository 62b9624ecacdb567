import { citeEvent } from '../events/cite-event.ts';
import { eventsWithReason } from '../events/timeline.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { containerViews, podCondition } from '../kube/pod-status.ts';
import { nodeReadiness } from '../nodes/node-readiness.ts';
import { formatDuration, msSince } from '../time/elapsed.ts';
import type { Detector } from './detector.ts';

/**
 * Deletion was requested long ago and the pod is still there. metadata.deletionTimestamp is
 * the moment the grace period ends (request time + deletionGracePeriodSeconds), so a pod still
 * present well after it is held: by finalizers that a controller must remove, or by a kubelet
 * that cannot confirm the containers stopped (its node unreachable), or by a kubelet that keeps
 * failing to kill them (FailedKillPod). Which one decides the safe way out: a finalizer is
 * removed only once whatever it guards is dealt with, and a force delete on an unreachable node
 * is safe only once the node is known to be down.
 */

/** Past the grace period by this much, the kubelet has had time to kill and confirm. */
const OVERDUE_MS = 2 * 60 * 1000;

/** Finalizers Kubernetes itself puts on pods: who removes each, and when. */
const KNOWN_FINALIZERS: Record<string, { owner: string; when: string }> = {
  'batch.kubernetes.io/job-tracking': { owner: 'the Job controller (kube-controller-manager)', when: "once it has counted the pod in its Job's status" },
  foregroundDeletion: { owner: 'the garbage collector (kube-controller-manager)', when: "once the pod's dependents with blockOwnerDeletion are gone" },
  orphan: { owner: 'the garbage collector (kube-controller-manager)', when: "once it has orphaned the pod's dependents" },
};

/** "the Job controller (...)", or for a custom finalizer the controller behind its domain. */
function ownerOfFinalizer(finalizer: string): string {
  const known = KNOWN_FINALIZERS[finalizer];
  if (known) return `${known.owner}, which removes it ${known.when}`;
  const domain = finalizer.includes('/') ? finalizer.slice(0, finalizer.indexOf('/')) : undefined;
  return domain ? `the controller that owns ${domain}, which added it` : 'the controller that added it';
}

export const stuckTerminating: Detector = {
  id: 'stuck-terminating',
  priority: 5,
  detect(facts: Facts): FindingDraft | undefined {
    const podFacts = facts.pod;
    const pod = podFacts?.pod;
    const deletion = pod?.metadata.deletionTimestamp;
    if (!podFacts || !pod || !deletion) return undefined;
    const overdue = msSince(deletion, facts.now);
    if (overdue === undefined || overdue < OVERDUE_MS) return undefined;

    const grace = pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const requestedAgo = formatDuration(overdue + grace * 1000);
    const finalizers = pod.metadata.finalizers ?? [];
    const nodeName = pod.spec.nodeName;
    const node = podFacts.node;
    // Not read and no gap recorded: no Node by that name was found. That alone may be a snapshot
    // that left it out; PodGC's own condition ("node no longer exists") says the machine is gone.
    const nodeMissing = Boolean(nodeName) && !node && !facts.gaps.some((gap) => gap.what === `get node ${nodeName}`);
    const gcByPodGC = podCondition(pod, 'DisruptionTarget');
    const deletedByPodGC = gcByPodGC?.status === 'True' && gcByPodGC.reason === 'DeletionByPodGC';
    const nodeGone = nodeMissing && deletedByPodGC && /node no longer exists/.test(gcByPodGC?.message ?? '');
    const readiness = node ? nodeReadiness(node) : undefined;
    const nodeDown = readiness?.ready !== undefined && readiness.ready !== 'True';
    const killFailures = eventsWithReason(podFacts.events, 'FailedKillPod', 'FailedPreStopHook', 'ExceededGracePeriod');
    const stillRunning = containerViews(pod).filter((view) => view.status?.state?.running).map((view) => view.name);

    const evidence: Evidence[] = [
      { kind: 'object', source: 'metadata.deletionTimestamp', text: `${deletion} (grace period ${grace}s ended ${formatDuration(overdue)} ago; deletion requested about ${requestedAgo} ago)` },
    ];
    // Who asked for the deletion, when the node lifecycle did: a person did not, so nobody is waiting on it.
    const byController = eventsWithReason(podFacts.events, 'TaintManagerEviction', 'NodeControllerEviction')[0];
    if (byController) evidence.push(citeEvent(byController, facts.now));
    const vars: Record<string, string> = { overdue: formatDuration(overdue), requestedAgo, gracePeriod: `${grace}s` };
    if (nodeName) vars.node = nodeName;
    const ruledOut: string[] = [];
    const holders: string[] = [];
    const advice: string[] = [];

    if (deletedByPodGC) {
      evidence.push({ kind: 'status', source: 'status.conditions[DisruptionTarget]', text: `True, reason DeletionByPodGC${gcByPodGC?.message ? `: ${gcByPodGC.message}` : ''}${gcByPodGC?.lastTransitionTime ? ` (at ${gcByPodGC.lastTransitionTime})` : ''}` });
    }
    if (nodeGone) {
      // A gone node holds nothing by itself (PodGC deletes its pods); say it beside what does hold.
      if (!finalizers.length) holders.push(`node ${nodeName} no longer existing`);
      evidence.push({ kind: 'node', source: `node ${nodeName}`, text: 'not found, and PodGC deleted the pod because its node no longer exists' });
      advice.push(`Its node ${nodeName} no longer exists, so no kubelet will ever report on the containers: there is nothing left to wait for on the node's side.`);
    } else if (nodeMissing) {
      evidence.push({ kind: 'node', source: `node ${nodeName}`, text: 'not found: no Node by that name (removed from the cluster, or not captured)' });
    }

    if (finalizers.length) {
      vars.finalizers = finalizers.join(', ');
      vars.finalizer = finalizers[0]!;
      holders.push(`finalizer${finalizers.length > 1 ? 's' : ''} ${finalizers.join(', ')}${nodeGone ? ` (its node ${nodeName} no longer exists)` : ''}`);
      evidence.push({ kind: 'object', source: 'metadata.finalizers', text: finalizers.map((f) => `${f} (${ownerOfFinalizer(f)})`).join('; ') });
      const orphanedJob = finalizers.includes('batch.kubernetes.io/job-tracking') ? missingJob(facts) : undefined;
      if (orphanedJob) {
        evidence.push({ kind: 'object', source: 'metadata.ownerReferences[Job]', text: `Job ${orphanedJob}: not found (deleted, or not captured)` });
        advice.push(
          `Its Job ${orphanedJob} was not found. If the Job was deleted, the Job controller will never count the pod and never remove batch.kubernetes.io/job-tracking: the finalizer guards nothing any more, and removing it by hand lets the deletion finish. If the Job does exist, the Job controller is not doing its work: look at kube-controller-manager first.`,
        );
      } else {
        advice.push(
          `The API server keeps the pod until every finalizer is removed by the controller that added it: find out why ${finalizers.length > 1 ? 'those controllers have' : 'that controller has'} not finished (is it running? its logs?). Removing a finalizer by hand skips whatever cleanup it guards, so do it only once that is handled.`,
        );
      }
    } else {
      ruledOut.push('finalizers: metadata.finalizers is empty');
    }

    if (node && readiness && nodeDown) {
      const condition = readiness.condition!;
      const since = msSince(condition.lastTransitionTime, facts.now);
      holders.push(`node ${nodeName} ${condition.status === 'Unknown' ? 'unreachable' : 'NotReady'}${since !== undefined ? ` for ${formatDuration(since)}` : ''}`);
      evidence.push({ kind: 'node', source: `node ${nodeName} status.conditions[Ready]`, text: `${condition.status}${condition.reason ? `, reason ${condition.reason}` : ''}${condition.message ? `: ${condition.message}` : ''}` });
      vars.nodeState = condition.status;
      advice.push(
        `Only the kubelet on ${nodeName} can confirm the containers stopped, and it is not reporting. If the node is really gone (powered off, deleted in the cloud), deleting the Node object or force-deleting the pod lets a replacement start; if it might still be running, a force delete can leave two copies running at once, which breaks StatefulSet guarantees and corrupts single-writer volumes.`,
      );
    } else if (node && readiness?.ready === 'True') {
      ruledOut.push(`node ${nodeName} is Ready: its kubelet is reporting`);
    }

    if (killFailures[0]) {
      holders.push('the kubelet failing to stop it');
      evidence.push(citeEvent(killFailures[0], facts.now));
      advice.push(`The kubelet on ${nodeName ?? 'the node'} keeps failing to stop the pod: look at its runtime (crictl ps, processes stuck in uninterruptible I/O, a hung volume unmount).`);
    }
    if (stillRunning.length) evidence.push({ kind: 'status', source: 'status.containerStatuses', text: `still reported running: ${stillRunning.join(', ')}` });

    const stopped = containerViews(pod).every((view) => !view.status || view.status.state?.terminated);
    if (stopped && readiness?.ready === 'True' && finalizers.length) ruledOut.push('the kubelet: every container has stopped; only the finalizers keep the pod');

    if (holders.length === 0) {
      holders.push(node ? `the kubelet on ${nodeName}, which has not confirmed the containers stopped` : 'nothing visible in the snapshot');
      advice.push(node ? `The node is Ready and no finalizer is set, so the kubelet on ${nodeName} should have finished: its own logs (journalctl -u kubelet) say what it is waiting for.` : 'The node could not be read: check its state first.');
    }

    return {
      id: 'stuck-terminating',
      title: `Terminating for ${requestedAgo} (grace period ${grace}s): held by ${holders.join(' and ')}`,
      detail: `Deletion was requested about ${requestedAgo} ago and the ${grace}s grace period ended ${formatDuration(overdue)} ago, yet the pod is still there. ${advice.join(' ')}`,
      evidence,
      ruledOut,
      vars,
    };
  },
};

/** The name of the pod's Job when the pod names one and the API has none by that name. */
function missingJob(facts: Facts): string | undefined {
  const ref = (facts.pod?.pod.metadata.ownerReferences ?? []).find((owner) => owner.kind === 'Job');
  if (!ref || facts.workload) return undefined;
  const unread = facts.gaps.some((gap) => gap.what.startsWith(`get job ${ref.name}`));
  return unread ? undefined : ref.name;
}
