import type { Diagnosis, LogExcerpt, PodSummary } from '../../core/diagnosis.ts';
import type { Finding } from '../../core/findings/finding.ts';
import {
  DEFAULT_INVOCATION,
  answerShape,
  askCommand,
  contextLine,
  explanationBeyondDetail,
  gapLine,
  isHealthy,
  logHeading,
  logsPreviousFirst,
  moreLinesNote,
  primaryFinding,
  secondaryFindings,
  verdict,
} from '../answer-parts.ts';
import { palette, terminalSafe, type Palette } from './ansi.ts';
import { timelineLines } from './timeline-text.ts';
import { wrap } from './wrap.ts';

export interface TextOptions {
  /** ANSI colour; the caller decides (TTY, NO_COLOR, --no-color), the renderer never looks. */
  color: boolean;
  /** Terminal columns for wrapping prose; commands and log lines are never wrapped. */
  width?: number;
  /** How a person asks again, for ambiguous targets: "k8s-why why", "kubectl why". */
  invocation?: string;
}

const DEFAULT_WIDTH = 100;
const MIN_WIDTH = 40;

interface Writer {
  p: Palette;
  width: number;
  lines: string[];
}

/**
 * The answer as a runbook for a terminal: verdict, what happened, evidence, checks ruled out,
 * other findings, events, logs, next steps with exact commands, runbook, gaps and a context
 * line. Everything from the cluster passes through terminalSafe before it is printed.
 */
export function renderText(diagnosis: Diagnosis, options: TextOptions): string {
  const w: Writer = { p: palette(options.color), width: Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH), lines: [] };
  const shape = answerShape(diagnosis);
  const finding = primaryFinding(diagnosis);

  writeVerdict(w, diagnosis, finding);
  if (shape === 'ambiguous') writeCandidates(w, diagnosis, options.invocation ?? DEFAULT_INVOCATION);
  if (finding) writeFinding(w, finding);
  if (shape === 'unmatched') writeStatus(w, diagnosis);
  writeAlsoFound(w, secondaryFindings(diagnosis));
  writeTimeline(w, diagnosis, shape === 'unmatched');
  writeLogs(w, diagnosis);
  if (finding) writeNextSteps(w, finding);
  writeRunbook(w, diagnosis, finding);
  writeGaps(w, diagnosis);
  w.lines.push('', w.p.dim(terminalSafe(contextLine(diagnosis))));
  return `${w.lines.join('\n')}\n`;
}

function heading(w: Writer, title: string): void {
  w.lines.push('', w.p.bold(title));
}

function prose(w: Writer, text: string, indent = '  ', hanging = indent): void {
  w.lines.push(...wrap(terminalSafe(text), w.width, indent, hanging));
}

function writeVerdict(w: Writer, diagnosis: Diagnosis, finding: Finding | undefined): void {
  const { p } = w;
  const mark = isHealthy(diagnosis) ? p.green('✓') : finding ? p.red('✗') : p.yellow('?');
  const [first = '', ...rest] = wrap(terminalSafe(verdict(diagnosis)), w.width - 2, '', '  ');
  const id = finding ? `  ${p.dim(`[${finding.id}]`)}` : '';
  w.lines.push(`${mark} ${p.bold(first)}${rest.length === 0 ? id : ''}`);
  rest.forEach((line, index) => w.lines.push(p.bold(line) + (index === rest.length - 1 ? id : '')));
}

function writeCandidates(w: Writer, diagnosis: Diagnosis, invocation: string): void {
  const candidates = diagnosis.candidates ?? [];
  const nameWidth = Math.max(...candidates.map((c) => c.name.length));
  const statusWidth = Math.max(...candidates.map((c) => c.status.length));
  w.lines.push('');
  for (const candidate of candidates) {
    const command = askCommand(invocation, candidate.name, candidate.namespace);
    w.lines.push(
      `  ${terminalSafe(candidate.name.padEnd(nameWidth))}  ${terminalSafe(candidate.status.padEnd(statusWidth))}  ${w.p.cyan(terminalSafe(command))}`,
    );
  }
  const workload = diagnosis.subject.workload;
  const askWorkload = workload
    ? ` or about the whole ${workload.kind} (${askCommand(invocation, `${workload.kind.toLowerCase()}/${workload.name}`, diagnosis.namespace)})`
    : '';
  w.lines.push('');
  prose(w, `Ask again with one pod's full name${askWorkload}.`);
}

function writeFinding(w: Writer, finding: Finding): void {
  heading(w, 'What happened');
  prose(w, finding.detail);
  const explanation = explanationBeyondDetail(finding);
  if (explanation) {
    w.lines.push('');
    prose(w, explanation);
  }
  if (finding.evidence.length > 0) {
    heading(w, 'Evidence');
    for (const item of finding.evidence) {
      prose(w, item.text, '  • ', '    ');
      w.lines.push(w.p.dim(`    ${terminalSafe(item.source)}`));
    }
  }
  if (finding.ruledOut && finding.ruledOut.length > 0) {
    heading(w, 'Ruled out');
    for (const check of finding.ruledOut) {
      const [first = '', ...rest] = wrap(terminalSafe(check), w.width, '', '    ');
      w.lines.push(`  ${w.p.green('✓')} ${first}`, ...rest);
    }
  }
}

function writeStatus(w: Writer, diagnosis: Diagnosis): void {
  heading(w, 'Status');
  prose(w, 'None of the known failure modes matched. This is what the cluster shows; read it as you would kubectl describe.');
  w.lines.push('');
  const pod = diagnosis.subject.pod;
  if (!pod) {
    prose(w, `No pod was found for ${diagnosis.subject.kind}/${diagnosis.subject.name}.`);
    return;
  }
  prose(w, podLine(pod));
  for (const container of pod.containers) {
    const parts = [container.state];
    if (container.lastState) parts.push(`last ${container.lastState}`);
    parts.push(`${container.restarts} restarts`, container.ready ? 'ready' : 'not ready');
    prose(w, `${container.init ? 'init container' : 'container'} ${container.name}: ${parts.join('; ')}`, '  ', '    ');
  }
}

function podLine(pod: PodSummary): string {
  const node = pod.node ? ` on ${pod.node}` : ' (not scheduled)';
  return `pod ${pod.name}: ${pod.status}, ready ${pod.ready}, ${pod.restarts} restarts, phase ${pod.phase}${node}`;
}

function writeAlsoFound(w: Writer, findings: Finding[]): void {
  if (findings.length === 0) return;
  heading(w, 'Also found');
  for (const finding of findings) {
    const lines = wrap(`${terminalSafe(finding.title)}  [${finding.id}]`, w.width, '  • ', '    ');
    // The id goes last and dim, like the verdict's, so the title reads as one sentence.
    const last = lines.pop() ?? '';
    const cut = last.lastIndexOf(`[${finding.id}]`);
    w.lines.push(...lines, `${last.slice(0, cut)}${w.p.dim(last.slice(cut))}`);
  }
}

function writeTimeline(w: Writer, diagnosis: Diagnosis, sayWhenEmpty: boolean): void {
  const subject = diagnosis.subject.pod ? `Pod/${diagnosis.subject.pod.name}` : undefined;
  w.lines.push(...timelineLines(diagnosis.timeline, diagnosis.generatedAt, { p: w.p, width: w.width, subject, sayWhenEmpty }));
}

function writeLogs(w: Writer, diagnosis: Diagnosis): void {
  for (const excerpt of logsPreviousFirst(diagnosis)) {
    heading(w, `Logs: ${terminalSafe(logHeading(excerpt))}`);
    writeLogLines(w, excerpt);
    const note = moreLinesNote(diagnosis, excerpt);
    if (note) w.lines.push(w.p.dim(`  ${terminalSafe(note)}`));
  }
}

function writeLogLines(w: Writer, excerpt: LogExcerpt): void {
  if (excerpt.lines.length === 0) {
    w.lines.push(w.p.dim('  (no output)'));
    return;
  }
  excerpt.lines.forEach((line, index) => {
    const safe = terminalSafe(line);
    w.lines.push(index === excerpt.errorAt ? `  ${w.p.red('▶')} ${w.p.red(w.p.bold(safe))}` : `  ${w.p.dim('│')} ${safe}`);
  });
}

function writeNextSteps(w: Writer, finding: Finding): void {
  if (finding.nextSteps.length === 0) return;
  heading(w, 'Next steps');
  finding.nextSteps.forEach((step, index) => {
    const number = `${index + 1}. `;
    prose(w, step.text, `  ${number}`, ' '.repeat(2 + number.length));
    if (!step.command) return;
    // Indented and on its own line, with no prompt sign, so a triple-click copies it whole.
    const indent = ' '.repeat(2 + number.length);
    terminalSafe(step.command)
      .split('\n')
      .forEach((line) => w.lines.push(`${indent}  ${w.p.cyan(line)}`));
  });
}

function writeRunbook(w: Writer, diagnosis: Diagnosis, finding: Finding | undefined): void {
  const links: string[] = [];
  const runbook = finding?.runbook;
  if (runbook) links.push(runbook.title ? `${runbook.url} (${runbook.title})` : runbook.url);
  const team = diagnosis.subject.runbook;
  if (team && team !== runbook?.url) links.push(`${team} (team runbook)`);
  if (links.length === 0) return;
  w.lines.push('');
  links.forEach((link, index) => w.lines.push(`${index === 0 ? w.p.bold('Runbook:') : '        '} ${terminalSafe(link)}`));
}

function writeGaps(w: Writer, diagnosis: Diagnosis): void {
  if (diagnosis.gaps.length === 0) return;
  heading(w, 'Gaps (the answer may miss what these would show)');
  for (const gap of diagnosis.gaps) {
    w.lines.push(`  ${w.p.yellow('!')} ${terminalSafe(gapLine(gap))}`);
    if (gap.detail.trim()) w.lines.push(...wrap(terminalSafe(gap.detail), w.width, '    ').map(w.p.dim));
  }
}
