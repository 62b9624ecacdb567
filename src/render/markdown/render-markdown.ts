import type { Diagnosis } from '../../core/diagnosis.ts';
import type { Finding } from '../../core/findings/finding.ts';
import {
  DEFAULT_INVOCATION,
  answerShape,
  askCommand,
  contextParts,
  explanationBeyondDetail,
  gapLine,
  logHeading,
  logsPreviousFirst,
  moreLinesNote,
  primaryFinding,
  secondaryFindings,
  verdict,
} from '../answer-parts.ts';
import { eventSpan } from '../durations.ts';
import { codeBlock, codeSpan, escapeInline, link, tableCell, tableCode } from './markdown-syntax.ts';

export interface MarkdownOptions {
  /** Level of the verdict heading (sections go one below), to nest under an incident doc's own. */
  headingLevel?: number;
  invocation?: string;
}

/**
 * The answer for an incident document or ticket: the same sections as the terminal answer,
 * with commands in fenced blocks so they paste cleanly and events as a table.
 */
export function renderMarkdown(diagnosis: Diagnosis, options: MarkdownOptions = {}): string {
  const level = Math.min(5, Math.max(1, options.headingLevel ?? 2));
  const h = (title: string, depth = 1): string => `${'#'.repeat(level + depth)} ${title}`;
  const out: string[] = [];
  const block = (...lines: string[]): void => {
    out.push(...lines, '');
  };
  const finding = primaryFinding(diagnosis);
  const shape = answerShape(diagnosis);

  block(h(escapeInline(verdict(diagnosis)), 0));
  block(contextMarkdown(diagnosis, finding));

  if (shape === 'ambiguous') {
    const invocation = options.invocation ?? DEFAULT_INVOCATION;
    block(
      '| Pod | Status | Ask instead |',
      '| --- | --- | --- |',
      ...(diagnosis.candidates ?? []).map(
        (c) => `| ${tableCell(c.name)} | ${tableCell(c.status)} | ${tableCode(askCommand(invocation, c.name, c.namespace))} |`,
      ),
    );
  }
  if (finding) {
    block(h('What happened'), escapeInline(finding.detail));
    const explanation = explanationBeyondDetail(finding);
    if (explanation) block(escapeInline(explanation));
    if (finding.evidence.length > 0) {
      block(h('Evidence'), ...finding.evidence.map((e) => `- ${escapeInline(e.text)} (${codeSpan(e.source)})`));
    }
    if (finding.ruledOut?.length) block(h('Ruled out'), ...finding.ruledOut.map((check) => `- ${escapeInline(check)}`));
  }
  if (shape === 'unmatched') block(h('Status'), ...statusMarkdown(diagnosis));
  const others = secondaryFindings(diagnosis);
  if (others.length > 0) block(h('Also found'), ...others.map((f) => `- ${escapeInline(f.title)} (${codeSpan(f.id)})`));

  if (diagnosis.timeline.length > 0) {
    block(
      h('Events'),
      '| When | Type | Reason | Object | Message |',
      '| --- | --- | --- | --- | --- |',
      ...diagnosis.timeline.map(
        (e) =>
          `| ${tableCell(eventSpan(e, diagnosis.generatedAt))} | ${tableCell(e.type)} | ${tableCell(e.reason)} | ${tableCell(e.object)} | ${tableCell(e.message)} |`,
      ),
    );
  }
  for (const excerpt of logsPreviousFirst(diagnosis)) {
    const lines = [h(`Logs: ${escapeInline(logHeading(excerpt))}`)];
    const firstError = excerpt.errorAt === undefined ? undefined : excerpt.lines[excerpt.errorAt];
    if (firstError !== undefined) lines.push('', `First error: ${codeSpan(firstError)}`);
    const note = moreLinesNote(diagnosis, excerpt);
    block(...lines, '', ...codeBlock(excerpt.lines.length > 0 ? excerpt.lines : ['(no output)'], 'text'), ...(note ? ['', escapeInline(note)] : []));
  }
  if (finding && finding.nextSteps.length > 0) block(h('Next steps'), ...nextStepsMarkdown(finding));
  const runbooks = runbookLinks(diagnosis, finding);
  if (runbooks.length > 0) block(h('Runbook'), ...runbooks.map((line) => `- ${line}`));
  if (diagnosis.gaps.length > 0) {
    block(
      h('Gaps'),
      'The answer may miss what these reads would have shown:',
      '',
      ...diagnosis.gaps.map((gap) => `- ${escapeInline(gapLine(gap))}${gap.detail.trim() ? `: ${escapeInline(gap.detail)}` : ''}`),
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function contextMarkdown(diagnosis: Diagnosis, finding: Finding | undefined): string {
  const parts = contextParts(diagnosis).map((part, index) =>
    index === 0 ? escapeInline(part.value) : `${part.label} ${codeSpan(part.value)}`,
  );
  if (finding) parts.unshift(codeSpan(finding.id));
  parts.push(`generated ${escapeInline(diagnosis.generatedAt)}`);
  return parts.join(' · ');
}

function statusMarkdown(diagnosis: Diagnosis): string[] {
  const pod = diagnosis.subject.pod;
  if (!pod) return [`No pod was found for ${codeSpan(`${diagnosis.subject.kind}/${diagnosis.subject.name}`)}.`];
  return [
    `Pod ${codeSpan(pod.name)}: ${escapeInline(pod.status)}, ready ${escapeInline(pod.ready)}, ${pod.restarts} restarts, phase ${escapeInline(pod.phase)}${pod.node ? ` on ${codeSpan(pod.node)}` : ' (not scheduled)'}`,
    '',
    '| Container | State | Last state | Restarts | Ready |',
    '| --- | --- | --- | --- | --- |',
    ...pod.containers.map(
      (c) =>
        `| ${tableCell(c.init ? `${c.name} (init)` : c.name)} | ${tableCell(c.state)} | ${tableCell(c.lastState ?? '')} | ${c.restarts} | ${c.ready ? 'yes' : 'no'} |`,
    ),
  ];
}

function nextStepsMarkdown(finding: Finding): string[] {
  const lines: string[] = [];
  finding.nextSteps.forEach((step, index) => {
    const marker = `${index + 1}. `;
    lines.push(`${marker}${escapeInline(step.text)}`);
    // Indented under the list item so the numbering continues after the code block.
    const indent = ' '.repeat(marker.length);
    if (step.command) lines.push('', ...codeBlock(step.command.split('\n'), 'sh').map((line) => `${indent}${line}`), '');
  });
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function runbookLinks(diagnosis: Diagnosis, finding: Finding | undefined): string[] {
  const links: string[] = [];
  if (finding?.runbook) links.push(link(finding.runbook.url, finding.runbook.title));
  const team = diagnosis.subject.runbook;
  if (team && team !== finding?.runbook?.url) links.push(`${link(team, 'Team runbook')}`);
  return links;
}
