import { nearestNames } from '../core/target/nearest-names.ts';
import { commandSchema, USAGE, VERBS, type Command, type Verb } from './command.ts';

/** A flag a front end accepts on top of the shared grammar (the CLI's --snapshot, --format ...). */
export interface FlagSpec {
  name: string;
  short?: string;
  takesValue: boolean;
}

export const SHARED_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', takesValue: true },
  { name: 'all-namespaces', short: 'A', takesValue: false },
  { name: 'cluster', takesValue: true },
  { name: 'previous', short: 'p', takesValue: false },
  { name: 'container', short: 'c', takesValue: true },
];

export type ParsedCommand =
  | { ok: true; command: Command; extras: Record<string, string | boolean> }
  | { ok: false; error: string; usage: string };

/** Splits a Slack message the way a shell would for our purposes: whitespace, and quotes kept together. */
export function tokenize(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * Parses words after the program name (`why checkout -n shop`). Errors say what was wrong and
 * what to type instead, naming the nearest valid command for a typo.
 */
export function parseCommand(words: readonly string[], extraFlags: readonly FlagSpec[] = []): ParsedCommand {
  const flags = [...SHARED_FLAGS, ...extraFlags];
  const positional: string[] = [];
  const values: Record<string, string | boolean> = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positional.push(word);
      continue;
    }
    const [rawName, inline] = word.startsWith('--') ? splitOnce(word.slice(2), '=') : [word.slice(1), undefined];
    const spec = word.startsWith('--') ? flags.find((f) => f.name === rawName) : flags.find((f) => f.short === rawName);
    if (!spec) {
      const known = flags.map((f) => `--${f.name}`);
      const near = nearestNames(`--${rawName}`, known, 1)[0];
      return fail(`unknown flag ${word}${near ? `: did you mean ${near}?` : ''}`, positional[0]);
    }
    if (spec.takesValue) {
      const value = inline ?? words[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-'))) return fail(`${word} needs a value (e.g. ${word} ${example(spec.name)})`, positional[0]);
      values[spec.name] = value;
    } else {
      values[spec.name] = true;
    }
  }

  const [verbWord, ...rest] = positional;
  if (!verbWord) return { ok: true, command: { verb: 'help' }, extras: extrasOf(values) };
  const verb = verbWord.toLowerCase();
  if (!(VERBS as readonly string[]).includes(verb)) {
    const near = nearestNames(verb, VERBS, 1)[0];
    return fail(`unknown command "${verbWord}"${near ? `: did you mean "${near}"?` : ''} Commands: ${VERBS.join(', ')}`, near);
  }
  if (verb === 'triage' && values['all-namespaces'] && values.namespace) return fail('use either -n NAMESPACE or -A, not both', verb);
  const needsTarget = verb === 'why' || verb === 'describe' || verb === 'logs' || verb === 'events';
  if (needsTarget && rest.length === 0) return fail(`"${verb}" needs a target: a pod name, a prefix of one, or kind/name (e.g. ${verb} checkout-7d9f, ${verb} deploy/checkout)`, verb);
  if (needsTarget && rest.length > 1) return fail(`"${verb}" takes one target, got ${rest.length}: ${rest.join(' ')}`, verb);
  if (!needsTarget && verb !== 'help' && rest.length > 0) return fail(`"${verb}" takes no target, got: ${rest.join(' ')}`, verb);

  const candidate = {
    verb,
    target: rest[0],
    topic: verb === 'help' ? rest[0] : undefined,
    namespace: values.namespace,
    cluster: values.cluster,
    allNamespaces: values['all-namespaces'] === true,
    previous: values.previous === true,
    container: values.container,
  };
  const parsed = commandSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`${String(issue.path[0] ?? 'command')}: ${issue.message}`, verb);
  }
  return { ok: true, command: parsed.data, extras: extrasOf(values) };
}

function extrasOf(values: Record<string, string | boolean>): Record<string, string | boolean> {
  const shared = new Set(SHARED_FLAGS.map((f) => f.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => !shared.has(name)));
}

function fail(error: string, verb: string | undefined): ParsedCommand {
  const usage = verb && verb in USAGE ? USAGE[verb as Verb] : VERBS.map((v) => USAGE[v]).join('\n');
  return { ok: false, error, usage };
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function example(flag: string): string {
  return { namespace: 'shop', cluster: 'prod', container: 'api', snapshot: 'incident.json', format: 'json' }[flag] ?? 'VALUE';
}
