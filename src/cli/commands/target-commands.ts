import type { Command } from '../../commands/command.ts';
import { diagnose } from '../../core/diagnose.ts';
import type { Diagnosis } from '../../core/diagnosis.ts';
import type { ClusterReader } from '../../core/reader/cluster-reader.ts';
import { readPodLogs } from '../../core/read-pod-logs.ts';
import { renderDescribeText, renderEventsText } from '../../render/text/render-pod-views.ts';
import type { CliContext } from '../run-cli.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';
import { renderDiagnosis } from '../output-format.ts';

type TargetCommand = Extract<Command, { target: string }>;

/** why, describe, events and logs: one target each. */
export async function runTargetCommand(command: TargetCommand, reader: ClusterReader, context: CliContext): Promise<ExitCode> {
  const namespace = command.namespace ?? context.defaultNamespace;
  const { io } = context;
  if (command.verb === 'logs') {
    const now = context.options.now ?? reader.capturedAt ?? new Date();
    const result = await readPodLogs(reader, { target: command.target, namespace, container: command.container, previous: command.previous }, context.options.redact ?? ((t) => t), now);
    if (!result.ok) {
      io.stderr.write(`error: ${result.error}\n`);
      return result.kind === 'usage' ? EXIT.usage : result.kind === 'missing' ? EXIT.found : EXIT.unreadable;
    }
    if (!result.text) io.stderr.write(`(no ${result.previous ? 'previous ' : ''}output from ${result.pod} -c ${result.container})\n`);
    io.stdout.write(result.text.endsWith('\n') || !result.text ? result.text : `${result.text}\n`);
    return EXIT.healthy;
  }

  const result = await diagnose(reader, { target: command.target, namespace }, context.options);
  if (!result.ok) {
    io.stderr.write(`error: ${result.error}\n`);
    return EXIT.usage;
  }
  const diagnosis = result.diagnosis;
  const { color, width } = context.presentation;
  if (command.verb === 'describe' && context.format === 'text') io.stdout.write(renderDescribeText(diagnosis, { color, width }));
  else if (command.verb === 'events' && context.format === 'text') io.stdout.write(renderEventsText(diagnosis, { color, width }));
  else if (command.verb === 'events' && context.format === 'json') io.stdout.write(`${JSON.stringify(diagnosis.timeline, null, 2)}\n`);
  else io.stdout.write(renderDiagnosis(diagnosis, context.format, context.presentation));
  return exitCodeOf(diagnosis);
}

/** 0 healthy, 1 something found, 3 when the target itself could not be read. */
export function exitCodeOf(diagnosis: Diagnosis): ExitCode {
  const top = diagnosis.findings[0];
  if (top?.id === 'healthy') return EXIT.healthy;
  if (!top && diagnosis.subject.kind === 'Unknown' && diagnosis.gaps.length > 0 && !diagnosis.candidates) return EXIT.unreadable;
  return EXIT.found;
}
