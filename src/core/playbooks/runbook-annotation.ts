/** A team links a workload's own runbook with this annotation, on the pod or on its workload. */
export const RUNBOOK_ANNOTATION = 'k8s-why.io/runbook';

interface Annotated {
  metadata?: { annotations?: Record<string, string> | null } | null;
}

/**
 * The first usable runbook annotation, most specific object first (pass the pod, then its
 * workload, then the workload's owner). A value that is not an http(s) URL is skipped rather
 * than printed as a link nobody can open.
 */
export function findRunbookAnnotation(...objects: (Annotated | undefined)[]): string | undefined {
  for (const object of objects) {
    const value = object?.metadata?.annotations?.[RUNBOOK_ANNOTATION]?.trim();
    if (value !== undefined && isHttpUrl(value)) return value;
  }
  return undefined;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
