import type { LabelSelector } from './types.ts';

// Label and field selectors with the semantics of the API server, so the snapshot reader and
// the replay API server answer the same lists a real cluster would.

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/**
 * Parses kubectl's selector syntax: "app=web,tier!=db", "env in (prod,staging)", "!canary", "team".
 * Throws on syntax it does not understand rather than matching everything by accident.
 */
export function parseLabelSelector(selector: string | undefined): Requirement[] {
  if (!selector?.trim()) return [];
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(selector)) {
    const term = part.trim();
    let match: RegExpExecArray | null;
    if ((match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term))) {
      const values = (match[3] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
      requirements.push({ key: match[1]!, operator: match[2] === 'in' ? 'In' : 'NotIn', values });
    } else if ((match = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(term))) {
      requirements.push({ key: match[1]!, operator: match[2] === '!=' ? 'NotIn' : 'In', values: [match[3] ?? ''] });
    } else if ((match = /^!([\w./-]+)$/.exec(term))) {
      requirements.push({ key: match[1]!, operator: 'DoesNotExist', values: [] });
    } else if ((match = /^([\w./-]+)$/.exec(term))) {
      requirements.push({ key: match[1]!, operator: 'Exists', values: [] });
    } else {
      throw new Error(`unable to parse label selector term "${term}"`);
    }
  }
  return requirements;
}

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim()) parts.push(current);
  return parts;
}

export function matchesRequirements(labels: Record<string, string> | undefined, requirements: Requirement[]): boolean {
  const have = labels ?? {};
  return requirements.every((req) => {
    const present = Object.hasOwn(have, req.key);
    switch (req.operator) {
      case 'Exists':
        return present;
      case 'DoesNotExist':
        return !present;
      case 'In':
        return present && req.values.includes(have[req.key]!);
      case 'NotIn':
        return !present || !req.values.includes(have[req.key]!);
    }
  });
}

/** A workload's spec.selector as requirements; an empty selector matches nothing, as for ReplicaSets. */
export function requirementsOf(selector: LabelSelector | undefined): Requirement[] | undefined {
  if (!selector) return undefined;
  const requirements: Requirement[] = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => ({
    key,
    operator: 'In',
    values: [value],
  }));
  for (const expression of selector.matchExpressions ?? []) {
    requirements.push({
      key: expression.key,
      operator: expression.operator as Requirement['operator'],
      values: expression.values ?? [],
    });
  }
  return requirements.length > 0 ? requirements : undefined;
}

/** Renders requirements back to the string form a list call takes. */
export function formatLabelSelector(requirements: Requirement[]): string {
  return requirements
    .map((req) => {
      if (req.operator === 'Exists') return req.key;
      if (req.operator === 'DoesNotExist') return `!${req.key}`;
      if (req.values.length === 1) return `${req.key}${req.operator === 'In' ? '=' : '!='}${req.values[0]}`;
      return `${req.key} ${req.operator === 'In' ? 'in' : 'notin'} (${req.values.join(',')})`;
    })
    .join(',');
}

export interface FieldRequirement {
  path: string;
  equals: boolean;
  value: string;
}

/** Equality-based field selectors ("spec.nodeName=node-1,status.phase!=Succeeded"). */
export function parseFieldSelector(selector: string | undefined): FieldRequirement[] {
  if (!selector?.trim()) return [];
  return selector.split(',').map((term) => {
    const match = /^\s*([\w.]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!match) throw new Error(`unable to parse field selector term "${term}"`);
    return { path: match[1]!, equals: match[2] !== '!=', value: match[3] ?? '' };
  });
}

export function matchesFields(object: unknown, requirements: FieldRequirement[]): boolean {
  return requirements.every((req) => {
    const actual = valueAtPath(object, req.path);
    const text = actual === undefined || actual === null ? '' : String(actual);
    return req.equals ? text === req.value : text !== req.value;
  });
}

function valueAtPath(object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
