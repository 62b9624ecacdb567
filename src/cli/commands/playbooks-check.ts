import { checkPlaybooks } from '../../playbooks/load-playbooks.ts';
import { formatPlaybookIssue } from '../../playbooks/playbook-issue.ts';
import type { CliIo } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

/** `k8s-why playbooks check DIR`: validates a team's playbooks the way loading them would. */
export async function runPlaybooksCheck(words: readonly string[], io: CliIo): Promise<ExitCode> {
  const [action, dir, ...rest] = words;
  if (action !== 'check' || !dir || rest.length > 0) {
    io.stderr.write('error: expected a directory to check\nusage: k8s-why playbooks check DIR\n');
    return EXIT.usage;
  }
  const { errors, warnings } = checkPlaybooks(dir);
  for (const warning of warnings) io.stderr.write(`warning: ${formatPlaybookIssue(warning)}\n`);
  for (const error of errors) io.stderr.write(`error: ${formatPlaybookIssue(error)}\n`);
  if (errors.length > 0) {
    io.stderr.write(`${errors.length} error(s): fix them before deploying; the bot refuses to start with a broken playbook.\n`);
    return EXIT.usage;
  }
  io.stdout.write(`${dir}: playbooks are valid${warnings.length > 0 ? ` (${warnings.length} warning(s))` : ''}\n`);
  return EXIT.healthy;
}
