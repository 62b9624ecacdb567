import type { ClusterReader } from '../../core/reader/cluster-reader.ts';
import { triage } from '../../core/triage.ts';
import { triageRow } from '../../app/triage-rows.ts';
import { worstFirst } from '../../render/triage-row.ts';
import type { CliContext } from '../run-cli.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { renderDiagnosis, renderTriage } from '../output-format.ts';

/**
 * `npm start`: what the product does, in one screen, with no cluster: triage the demo shop,
 * explain its worst pod in full, and show how to ask about the others.
 */
export async function runDemo(reader: ClusterReader, context: CliContext): Promise<ExitCode> {
  const { io, presentation } = context;
  const namespace = context.defaultNamespace;
  const result = await triage(reader, { namespace }, context.options);
  const byRow = result.diagnoses.map((diagnosis) => ({ diagnosis, row: triageRow(diagnosis) }));
  const rows = worstFirst(byRow.map((entry) => entry.row));
  io.stdout.write(`Triage of namespace ${namespace} in the embedded demo cluster:\n\n`);
  io.stdout.write(renderTriage(rows, 'text', presentation));
  const worst = byRow.find((entry) => entry.row === rows[0])?.diagnosis;
  if (!worst) {
    io.stdout.write('\nEverything looks healthy.\n');
    return EXIT.healthy;
  }
  io.stdout.write(`\n${'─'.repeat(Math.min(presentation.width ?? 80, 100))}\nThe worst one, in full:\n\n`);
  io.stdout.write(renderDiagnosis(worst, context.format, presentation));
  // One pod per other kind of failure: a second pod with the worst one's finding teaches nothing new.
  const shown = new Set([rows[0]?.finding?.id]);
  const picks = rows.filter((row) => row.finding && !shown.has(row.finding.id) && shown.add(row.finding.id)).slice(0, 4);
  const commands = picks.map((row) => `npx k8s-why why ${row.pod} -n ${row.namespace} --demo`);
  const width = Math.max(0, ...commands.map((command) => command.length));
  const others = commands.map((command, index) => `  ${command.padEnd(width)}   # ${picks[index]!.finding!.id}`);
  io.stdout.write(`\nAsk about the others:\n${others.join('\n')}\n  npx k8s-why triage -n ${namespace} --demo --format markdown\n`);
  return EXIT.found;
}
