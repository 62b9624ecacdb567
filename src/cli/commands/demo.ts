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
  const others = rows.slice(1, 4).map((row) => `  npx k8s-why why ${row.pod} -n ${row.namespace} --demo`);
  io.stdout.write(`\nAsk about the others:\n${others.join('\n')}\n  npx k8s-why triage -n ${namespace} --demo --format markdown\n`);
  return EXIT.found;
}
