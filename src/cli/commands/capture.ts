import { writeFile } from 'node:fs/promises';
import { captureIncident } from '../../capture/capture-incident.ts';
import type { ClusterReader } from '../../core/reader/cluster-reader.ts';
import type { CliContext } from '../run-cli.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

/**
 * `k8s-why capture TARGET -n NS -o incident.json`: what one diagnosis read, written as a
 * snapshot with secrets removed. The file never goes to stdout unless asked (-o -), so a
 * terminal is not flooded with JSON by accident.
 */
export async function runCapture(target: string, namespace: string | undefined, output: string, reader: ClusterReader, context: CliContext): Promise<ExitCode> {
  const now = context.options.now ?? reader.capturedAt ?? new Date();
  const result = await captureIncident(reader, { target, namespace: namespace ?? context.defaultNamespace }, context.options, now);
  if (!result.ok) {
    context.io.stderr.write(`error: ${result.error}\n`);
    return EXIT.usage;
  }
  const json = `${JSON.stringify(result.snapshot, null, 2)}\n`;
  if (output === '-') context.io.stdout.write(json);
  else await writeFile(output, json, { mode: 0o600 });
  const { snapshot, diagnosis } = result;
  const top = diagnosis.findings[0];
  context.io.stderr.write(
    `captured ${snapshot.objects.length} objects and ${snapshot.logs.length} logs${output === '-' ? '' : ` to ${output}`}` +
      `${top ? ` (${top.id})` : ''}${diagnosis.gaps.length > 0 ? `; ${diagnosis.gaps.length} read(s) failed and are missing from it` : ''}\n` +
      (output === '-' ? '' : `replay it: k8s-why why ${target} -n ${namespace ?? context.defaultNamespace} --snapshot ${output}\n`),
  );
  return EXIT.healthy;
}
