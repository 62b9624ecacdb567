import type { Facts } from '../facts/facts.ts';
import type { FindingDraft } from '../findings/finding.ts';
import { containersLabel, imageVars, pullFailuresFor } from '../images/image-pull-failures.ts';
import { describeChange, imageBeforeRollout } from '../images/workload-images.ts';
import type { Detector } from './detector.ts';

/**
 * InvalidImageName: the kubelet could not parse the reference ('Failed to apply default image
 * tag "x": couldn't parse image reference "x": invalid reference format', "repository name
 * must be lowercase"), so nothing was pulled at all. Also CRI-O in short-name-mode enforcing,
 * which refuses an unqualified name it cannot resolve to one registry (ErrImagePull): the fix is
 * the same, write the reference out in full. Our own parser (the same grammar) says which part
 * is wrong, since the kubelet's "invalid reference format" does not.
 */
export const invalidImageName: Detector = {
  id: 'invalid-image-name',
  priority: 40,
  detect(facts: Facts): FindingDraft | undefined {
    const failures = pullFailuresFor(facts, 'invalid-image-name');
    const failure = failures[0];
    if (!failure) return undefined;
    const shortName = /short[- ]name|ambiguous list/i.test(failure.message);
    const problem = !failure.parsed.ok
      ? failure.parsed.problem
      : shortName
        ? 'it names no registry, and CRI-O on this node only pulls fully qualified names'
        : failure.match.matched;
    const vars: Record<string, string> = { ...imageVars(failure), problem };
    const evidence = [...failure.evidence];
    const change = imageBeforeRollout(facts, failure.container, failure.image);
    if (change) {
      evidence.push(describeChange(change));
      vars.previousImage = change.from;
    }
    const qualified = failure.parsed.ok ? `${failure.parsed.reference.registry}/${failure.parsed.reference.repository}:${failure.parsed.reference.tag ?? 'latest'}` : undefined;

    return {
      id: 'invalid-image-name',
      title: `${containersLabel(failures)}: image "${failure.image}" is not a valid reference: ${problem}`,
      detail: shortName
        ? `CRI-O refused "${failure.image}": ${failure.match.meaning}. Write it out in full${qualified ? ` (${qualified})` : ''} in the workload's template.`
        : `The kubelet could not parse "${failure.image}" as an image reference, so it never contacted a registry: ${problem}. Fix the image in the workload's template (or the values that render it); the pod is recreated with the new spec.${change ? ` The previous revision ran ${change.from}.` : ''}`,
      evidence,
      ruledOut: ['registry, credentials and network: no pull was attempted'],
      vars,
      container: failure.container,
    };
  },
};
