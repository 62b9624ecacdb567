import type { Playbook, PlaybookOverride, PlaybookSet } from './playbook-schema.ts';

/**
 * A team's playbooks over the built-ins: per id, each field the team wrote replaces the
 * built-in's whole (a team that sets only `runbook` keeps the built-in prose and steps).
 * Later layers win.
 */
export function layerPlaybooks(base: PlaybookSet, overrides: readonly PlaybookOverride[]): PlaybookSet {
  const layered: Record<string, Playbook> = { ...base };
  for (const { id, ...fields } of overrides) {
    const replaced = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    layered[id] = { ...layered[id], ...replaced, id } as Playbook;
  }
  return layered as PlaybookSet;
}
