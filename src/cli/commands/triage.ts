import type { Command } from '../../commands/command.ts';
import type { ClusterReader } from '../../core/reader/cluster-reader.ts';
import { triage } from '../../core/triage.ts';
import { triageRow } from '../../app/triage-rows.ts';
import { worstFirst } from '../../render/triage-row.ts';
import type { CliContext } from '../run-cli.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { renderTriage } from '../output-format.ts';

type TriageCommand = Extract<Command, { verb: 'triage' }>;

export async function runTriage(command: TriageCommand, reader: ClusterReader, context: CliContext): Promise<ExitCode> {
  const namespace = command.allNamespaces ? undefined : (command.namespace ?? context.defaultNamespace);
  const result = await triage(reader, { namespace }, context.options);
  for (const gap of result.gaps) context.io.stderr.write(`warning: could not ${gap.what} (${gap.code}): ${gap.detail}\n`);
  if (result.diagnoses.length === 0 && result.gaps.some((gap) => gap.what.startsWith('list pods'))) return EXIT.unreadable;
  const rows = worstFirst(result.diagnoses.map(triageRow));
  context.io.stdout.write(renderTriage(rows, context.format, context.presentation));
  if (result.healthy > 0 && context.format === 'text') context.io.stdout.write(`\n${result.healthy} other pod(s) look healthy.\n`);
  return rows.some((row) => row.finding?.id !== 'healthy') ? EXIT.found : EXIT.healthy;
}
