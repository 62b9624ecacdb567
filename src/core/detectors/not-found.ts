import type { Detector } from './detector.ts';

/** The target matched nothing: say what does exist nearby, so the next try is the right one. */
export const notFound: Detector = {
  id: 'not-found',
  priority: 0,
  detect(facts) {
    const target = facts.target;
    if (target.outcome !== 'missing') return undefined;
    const evidence = [
      ...target.suggestions.map((name) => ({ kind: 'computed' as const, source: `names in ${facts.namespace}`, text: `did you mean ${name}?` })),
      ...target.elsewhere.map((hit) => ({ kind: 'object' as const, source: `namespace ${hit.namespace}`, text: `${hit.name} exists in namespace ${hit.namespace} (add -n ${hit.namespace})` })),
    ];
    const hint =
      target.elsewhere.length > 0
        ? ` It exists in namespace ${target.elsewhere[0]!.namespace}.`
        : target.suggestions.length > 0
          ? ` Closest: ${target.suggestions.slice(0, 3).join(', ')}.`
          : '';
    return {
      id: 'not-found',
      title: `No pod or workload matches "${target.asked}" in namespace ${facts.namespace}`,
      detail: `Nothing named or starting with "${target.asked}" exists in ${facts.namespace}.${hint}`,
      evidence,
      vars: {
        asked: target.asked,
        suggestion: target.suggestions[0] ?? '',
        otherNamespace: target.elsewhere[0]?.namespace ?? '',
      },
    };
  },
};
