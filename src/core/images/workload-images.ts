import type { Facts } from '../facts/facts.ts';
import type { Evidence } from '../findings/finding.ts';
import type { Workload } from '../kube/types.ts';
import { parseImageReference, qualifiedName } from './image-reference.ts';

// What the rest of the workload says about an image that will not pull: a rollout that just
// changed it (so the previous image is the known-good one to go back to), or other pods that
// run the very same image (so the image exists and the problem is this node or this pod).

export interface ImageChange {
  from: string;
  to: string;
  /** The ReplicaSet that still runs the previous image, and how many of its pods are ready. */
  previousRevision: string;
  previousReady: number;
}

/** The image the previous revision ran for this container, when the newest revision changed it. */
export function imageBeforeRollout(facts: Facts, container: string, image: string): ImageChange | undefined {
  const revisions = facts.workload?.revisions ?? [];
  if (revisions.length < 2 || facts.workload?.kind === 'CronJob') return undefined;
  const [newest, previous] = revisions as [Workload, Workload];
  if (imageIn(newest, container) !== image) return undefined;
  const before = imageIn(previous, container);
  if (!before || before === image) return undefined;
  return {
    from: before,
    to: image,
    previousRevision: previous.metadata.name ?? '?',
    previousReady: previous.status?.readyReplicas ?? 0,
  };
}

function imageIn(workload: Workload, container: string): string | undefined {
  const spec = workload.spec?.template?.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].find((c) => c.name === container)?.image;
}

export function describeChange(change: ImageChange): Evidence {
  return {
    kind: 'object',
    source: `ReplicaSet ${change.previousRevision} (previous revision)`,
    text: `the rollout changed the image from ${change.from} to ${change.to}; the previous revision has ${change.previousReady} ready pod(s)`,
  };
}

/** Other pods of the workload whose container runs this exact image, with their nodes. */
export function podsRunningImage(facts: Facts, image: string): { pod: string; node?: string }[] {
  const self = facts.pod?.pod.metadata.name;
  return (facts.workload?.pods ?? [])
    .filter((pod) => pod.metadata.name !== self)
    .filter((pod) =>
      [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].some(
        // An imageID is only set once the runtime has the image: it was pulled on that node.
        (status) => sameImage(status.image, image) && Boolean(status.imageID) && Boolean(status.state?.running || status.state?.terminated),
      ),
    )
    .map((pod) => ({ pod: pod.metadata.name ?? '?', node: pod.spec.nodeName }));
}

/** Runtimes report "docker.io/library/nginx:1.25" for a spec's "nginx:1.25": compare what is pulled. */
function sameImage(reported: string | undefined, image: string): boolean {
  if (!reported) return false;
  if (reported === image) return true;
  const a = parseImageReference(reported);
  const b = parseImageReference(image);
  return a.ok && b.ok && qualifiedName(a.reference) === qualifiedName(b.reference);
}
