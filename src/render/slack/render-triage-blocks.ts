import { needsAttention, triageSummary, worstFirst, type TriageRow } from '../triage-row.ts';
import { context, plainText, section, type Block, type SlackMessage } from './block-kit.ts';
import { SLACK_LIMITS, fitSlackLimits, fitText } from './limits.ts';
import { clip, escapeMrkdwn, inlineCode } from './mrkdwn.ts';
import { packLines } from './pack-lines.ts';

export interface TriageBlocksOptions {
  /** What was triaged, for the header: "namespace shop", "cluster prod". */
  scope?: string;
}

/** Sections for the pods that need attention; the rest of the 50 blocks stay free. */
const ROW_SECTIONS = 20;

/**
 * Triage for a channel: pods that need attention one line each, worst first; healthy pods as
 * one count with their names, since a channel needs to see what is broken, not what is fine.
 */
export function renderTriageBlocks(rows: readonly TriageRow[], options: TriageBlocksOptions = {}): SlackMessage {
  const sorted = worstFirst(rows);
  const failing = sorted.filter(needsAttention);
  const healthy = sorted.filter((row) => !needsAttention(row));
  const withNamespace = new Set(rows.map((row) => row.namespace)).size > 1;
  const summary = triageSummary(rows);
  const title = options.scope ? `Triage of ${options.scope}: ${summary}` : `Triage: ${summary}`;
  const blocks: Block[] = [{ type: 'header', text: plainText(`${failing.length > 0 ? ':rotating_light:' : ':white_check_mark:'} ${clip(title, 130)}`) }];

  const lines = failing.map((row) => {
    const where = withNamespace ? ` ${escapeMrkdwn(row.namespace)}/` : ' ';
    const finding = row.finding
      ? `${inlineCode(row.finding.id)} ${escapeMrkdwn(clip(row.finding.title, 300))}`
      : 'no known failure mode matched';
    return `•${where}*${escapeMrkdwn(row.pod)}* ${escapeMrkdwn(row.status)} · ${row.restarts} restarts · ${escapeMrkdwn(row.age)}\n      ${finding}`;
  });
  if (lines.length > 0) {
    blocks.push(
      ...packLines(lines, {
        max: SLACK_LIMITS.sectionText,
        maxChunks: ROW_SECTIONS,
        note: (left) => `… ${left} more pods need attention`,
      }).map(section),
    );
  }
  if (healthy.length > 0) {
    const names = healthy.map((row) => escapeMrkdwn(withNamespace ? `${row.namespace}/${row.pod}` : row.pod));
    blocks.push(context(`:white_check_mark: ${healthy.length} healthy: ${fitText(names.join(', '), 2000)}`));
  }
  return fitSlackLimits({ text: escapeMrkdwn(title), blocks });
}
