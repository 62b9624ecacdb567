/**
 * Which kubectl commands change the cluster. The bot never runs a command, but a person copies
 * them from the answer in the middle of an incident: a step that writes must say so, so the
 * schema rejects one that does not. Read-only is the short, closed list; anything else writes.
 */
const READ_ONLY_VERBS = new Set([
  'get',
  'describe',
  'logs',
  'top',
  'explain',
  'events',
  'api-resources',
  'api-versions',
  'cluster-info',
  'version',
  'diff',
  'wait',
  // Opens a tunnel from the person's machine; nothing in the cluster changes.
  'port-forward',
]);

/** Subcommands whose read-only-ness depends on the next word. */
const READ_ONLY_SUBCOMMANDS: Record<string, ReadonlySet<string>> = {
  rollout: new Set(['status', 'history']),
  auth: new Set(['can-i', 'whoami']),
  config: new Set(['current-context', 'get-contexts', 'view', 'get-clusters']),
};

// Global flags that take their value as the next word (`-n shop`, `--context prod`).
const FLAGS_WITH_VALUE = new Set(['-n', '--namespace', '--context', '--cluster', '--user', '-s', '--server', '--kubeconfig']);

/**
 * The kubectl verb (e.g. "delete", "rollout restart") of the first invocation in `command` that
 * changes the cluster, or undefined when every kubectl invocation in it only reads.
 */
export function kubectlWrite(command: string): string | undefined {
  for (const invocation of command.split(/\|\||&&|[|;]/)) {
    const words = invocation.trim().split(/\s+/);
    const start = words.indexOf('kubectl');
    if (start < 0) continue;
    const [verb, sub] = positionalWords(words.slice(start + 1));
    if (verb === undefined) continue;
    const readOnlySubcommands = READ_ONLY_SUBCOMMANDS[verb];
    if (readOnlySubcommands !== undefined) {
      if (sub === undefined || !readOnlySubcommands.has(sub)) return `${verb} ${sub ?? ''}`.trim();
      continue;
    }
    if (!READ_ONLY_VERBS.has(verb)) return verb;
  }
  return undefined;
}

function positionalWords(words: string[]): string[] {
  const positional: string[] = [];
  for (let i = 0; i < words.length && positional.length < 2; i++) {
    const word = words[i] ?? '';
    if (word.startsWith('-')) {
      if (FLAGS_WITH_VALUE.has(word)) i++;
      continue;
    }
    positional.push(word);
  }
  return positional;
}
