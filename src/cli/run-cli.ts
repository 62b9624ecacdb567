import { USAGE, VERBS, type Command } from '../commands/command.ts';
import { parseCommand, type FlagSpec } from '../commands/parse-command.ts';
import { productionOptions } from '../app/diagnose-options.ts';
import type { DiagnoseOptions } from '../core/diagnose.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT, type ExitCode } from './exit-codes.ts';
import { FORMATS, type Format, type Presentation } from './output-format.ts';
import { openReader } from './open-reader.ts';
import { runCapture } from './commands/capture.ts';
import { runDemo } from './commands/demo.ts';
import { runPlaybooksCheck } from './commands/playbooks-check.ts';
import { runServe } from './commands/serve.ts';
import { runTargetCommand } from './commands/target-commands.ts';
import { runTriage } from './commands/triage.ts';

const CLI_FLAGS: readonly FlagSpec[] = [
  { name: 'snapshot', takesValue: true },
  { name: 'demo', takesValue: false },
  { name: 'format', short: 'o', takesValue: true },
  { name: 'playbooks', takesValue: true },
  { name: 'no-color', takesValue: false },
  { name: 'kubeconfig', takesValue: true },
  { name: 'context', takesValue: true },
  { name: 'clusters', takesValue: true },
  { name: 'help', short: 'h', takesValue: false },
];

const TRIAGE_BUDGET_MS = 120_000;

// capture writes a file, so there -o is the file (as in the docs' `capture ... -o incident.json`).
const CAPTURE_FLAGS: readonly FlagSpec[] = [
  ...CLI_FLAGS.filter((flag) => flag.name !== 'format'),
  { name: 'output', short: 'o', takesValue: true },
];

/** Everything a command needs besides its own arguments. */
export interface CliContext {
  io: CliIo;
  format: Format;
  presentation: Presentation;
  /** The namespace -n stands for when omitted. */
  defaultNamespace: string;
  options: DiagnoseOptions;
}

/** The whole CLI as a function of its arguments and terminal: every error is one line and an exit code. */
export async function runCli(argv: readonly string[], io: CliIo, invocation = 'k8s-why'): Promise<ExitCode> {
  const words = asPlugin(invocation, argv);
  if (words[0] === 'playbooks') return runPlaybooksCheck(words.slice(1), io);
  if (words[0] === 'serve') return runServe(words.slice(1), io);
  const isDemo = words[0] === 'demo';
  const isCapture = words[0] === 'capture';
  // `demo` takes triage's flags (-n, --format ...); `capture` takes why's, plus -o.
  const parsed = parseCommand(isDemo ? ['triage', ...words.slice(1)] : isCapture ? ['why', ...words.slice(1)] : words, isCapture ? CAPTURE_FLAGS : CLI_FLAGS);
  if (!parsed.ok) return usageError(io, parsed.error, parsed.usage, invocation);
  const { command, extras } = parsed;
  if (extras.help || command.verb === 'help') {
    io.stdout.write(helpText(invocation));
    return EXIT.healthy;
  }

  if (isCapture && !extras.output) return usageError(io, 'capture needs a file to write: -o incident.json (or -o - for stdout)', 'capture <pod|kind/name> -n NAMESPACE -o FILE', invocation);
  const format = (extras.format ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) {
    return usageError(io, `unknown format "${format}": use one of ${FORMATS.join(', ')}`, '--format text|markdown|json|blocks', invocation);
  }
  const app = productionOptions({ playbookDir: extras.playbooks as string | undefined });
  if (!app.ok) return usageError(io, app.error, 'k8s-why playbooks check DIR', invocation);
  const options = app.options;
  const context: Omit<CliContext, 'defaultNamespace'> = {
    io,
    format: format as Format,
    presentation: {
      color: format === 'text' && io.stdout.isTTY === true && !io.env.NO_COLOR && !extras['no-color'],
      // Wrap prose only for a person at a terminal: piped text stays one line per sentence, so
      // grep and scripts find a phrase whole.
      width: io.stdout.isTTY ? io.stdout.columns : Number.POSITIVE_INFINITY,
      // How a person asks about a pod again: `k8s-why why POD`, or as a plugin `kubectl why POD`.
      invocation: invocation === KUBECTL_PLUGIN ? invocation : `${invocation} why`,
    },
    options,
  };

  const opened = await openReader({
    snapshot: extras.snapshot as string | undefined,
    demo: isDemo || extras.demo === true,
    kubeconfig: extras.kubeconfig as string | undefined,
    context: extras.context as string | undefined,
    cluster: 'cluster' in command ? command.cluster : undefined,
    clusters: extras.clusters as string | undefined,
    // One reader serves every read of the command: triage diagnoses each unhealthy pod.
    budgetMs: command.verb === 'triage' ? TRIAGE_BUDGET_MS : undefined,
    env: io.env,
  });
  if (!opened.ok) {
    if (opened.usage) return usageError(io, opened.error, `${USAGE[command.verb]} [--snapshot FILE | --demo | --context NAME]`, invocation);
    const noSourceGiven = !extras.snapshot && !extras.kubeconfig && !extras.context && !extras.clusters;
    io.stderr.write(`error: ${opened.error}${noSourceGiven ? ' (to try k8s-why without a cluster: --demo)' : ''}\n`);
    return EXIT.unreadable;
  }
  const ready = { ...context, defaultNamespace: opened.defaultNamespace };
  try {
    if (isDemo) return await runDemo(opened.reader, ready);
    if (isCapture && command.verb === 'why') return await runCapture(command.target, command.namespace, extras.output as string, opened.reader, ready);
    return await dispatch(command, opened.reader, ready);
  } finally {
    await opened.close();
  }
}

function dispatch(command: Command, reader: Parameters<typeof runTriage>[1], context: CliContext): Promise<ExitCode> {
  switch (command.verb) {
    case 'triage':
      return runTriage(command, reader, context);
    case 'why':
    case 'describe':
    case 'events':
    case 'logs':
      return runTargetCommand(command, reader, context);
    case 'help':
      return Promise.resolve(EXIT.healthy);
  }
}

export const KUBECTL_PLUGIN = 'kubectl why';
const OWN_COMMANDS = new Set([...VERBS, 'demo', 'serve', 'capture', 'playbooks']);

/** As a kubectl plugin, `kubectl why checkout-7d9f` means `why checkout-7d9f`. */
function asPlugin(invocation: string, argv: readonly string[]): string[] {
  const first = argv.find((word) => !word.startsWith('-'));
  if (invocation !== KUBECTL_PLUGIN || first === undefined || OWN_COMMANDS.has(first)) return [...argv];
  return ['why', ...argv];
}

function usageError(io: CliIo, error: string, usage: string, invocation: string): ExitCode {
  io.stderr.write(`error: ${error}\nusage: ${usage.split('\n').map((line) => `${invocation} ${line}`).join('\n       ')}\n`);
  return EXIT.usage;
}

function helpText(invocation: string): string {
  return `${invocation}: why is this pod broken? Runbook-style answers from cluster evidence.

Commands:
${VERBS.map((verb) => `  ${invocation} ${USAGE[verb]}`).join('\n')}
  ${invocation} demo                        triage the embedded demo cluster and explain its worst pod
  ${invocation} playbooks check DIR         validate a directory of team playbooks
  ${invocation} serve FILE [--port N]       serve a snapshot as a read-only Kubernetes API (kubectl works against it)
  ${invocation} capture TARGET -o FILE      record what a diagnosis reads as a snapshot (secrets removed)

Where the facts come from (default: your current kubeconfig context, as kubectl):
  --kubeconfig FILE    a kubeconfig other than KUBECONFIG or ~/.kube/config
  --context NAME       a kubeconfig context
  --cluster NAME       a cluster of the clusters file (--clusters FILE or K8S_WHY_CLUSTERS)
  --snapshot FILE      a captured snapshot (see FORMAT.md)
  --demo               the embedded demo cluster (namespace shop)

Output:
  -o, --format FORMAT  text (default), markdown, json or blocks (Slack Block Kit)
  --playbooks DIR      team playbooks layered over the built-in ones
  --no-color           plain text even on a terminal (NO_COLOR is honoured too)

Exit codes: 0 healthy, 1 something found, 2 usage error, 3 cluster or snapshot unreadable.

Examples:
  ${invocation} why checkout-7d9f -n shop --snapshot incident.json
  ${invocation} triage -n shop --demo
  ${invocation} why deploy/checkout -n shop --demo --format markdown
`;
}
