import type { Diagnosis, LogExcerpt } from '../../core/diagnosis.ts';
import type { Finding } from '../../core/findings/finding.ts';
import {
  DEFAULT_INVOCATION,
  answerShape,
  askCommand,
  contextParts,
  explanationBeyondDetail,
  gapLine,
  isHealthy,
  instanceLabel,
  logsCommand,
  logsPreviousFirst,
  moreLinesNote,
  primaryFinding,
  secondaryFindings,
  subjectName,
  verdict,
} from '../answer-parts.ts';
import { eventSpan } from '../durations.ts';
import { actionsBlock, type ActionButton } from './actions.ts';
import { DIVIDER, context, plainText, section, type Block, type SlackMessage } from './block-kit.ts';
import { SLACK_LIMITS, fitSlackLimits, fitText } from './limits.ts';
import { clip, codeBlock, escapeMrkdwn, inlineCode, link, slackDate } from './mrkdwn.ts';
import { packLines } from './pack-lines.ts';

export interface BlocksOptions {
  /** Buttons appended as an actions block (the Slack app supplies them). */
  actions?: readonly ActionButton[];
  /** How a person asks again: "k8s-why why", or the app's slash command ("/why"). */
  invocation?: string;
}

/** No single evidence item, event or log line may take over a section. */
const LINE_MAX = 500;
/** Next steps may spread over several sections; beyond this the rest is in the full answer. */
const STEP_SECTIONS = 4;
const SECTION = SLACK_LIMITS.sectionText;

/**
 * The answer as a Slack message: header with the verdict, what happened, evidence, events,
 * the dead container's error lines, next steps with commands in code, runbook, gaps and a
 * context line, then optional buttons. The result always passes through fitSlackLimits.
 */
export function renderBlocks(diagnosis: Diagnosis, options: BlocksOptions = {}): SlackMessage {
  const invocation = options.invocation ?? DEFAULT_INVOCATION;
  const fullAnswer = inlineCode(askCommand(invocation, diagnosis.target, diagnosis.namespace));
  const shape = answerShape(diagnosis);
  const finding = primaryFinding(diagnosis);
  const emoji = emojiFor(diagnosis);
  const headline = clip(verdict(diagnosis), SLACK_LIMITS.headerText - emoji.length - 1);
  const blocks: Block[] = [{ type: 'header', text: plainText(`${emoji} ${headline}`) }];

  if (shape === 'ambiguous') blocks.push(...candidateBlocks(diagnosis, invocation));
  if (finding) blocks.push(...findingBlocks(finding, fullAnswer));
  if (shape === 'unmatched') blocks.push(statusBlock(diagnosis));
  blocks.push(...alsoFoundBlocks(secondaryFindings(diagnosis)));
  const history = [...timelineBlocks(diagnosis), ...logBlocks(diagnosis)];
  if (history.length > 0) blocks.push(DIVIDER, ...history);
  if (finding && finding.nextSteps.length > 0) blocks.push(DIVIDER, ...nextStepBlocks(finding, fullAnswer));
  blocks.push(...runbookBlocks(diagnosis, finding), ...gapBlocks(diagnosis));
  blocks.push(contextBlock(diagnosis));
  if (options.actions && options.actions.length > 0) blocks.push(actionsBlock(options.actions));

  const about = diagnosis.subject.pod?.name ?? subjectName(diagnosis);
  const text = `${escapeMrkdwn(about)} in ${escapeMrkdwn(diagnosis.namespace)}: ${escapeMrkdwn(verdict(diagnosis))}`;
  return fitSlackLimits({ text, blocks });
}

function emojiFor(diagnosis: Diagnosis): string {
  if (answerShape(diagnosis) === 'ambiguous') return ':mag:';
  if (answerShape(diagnosis) === 'unmatched') return ':grey_question:';
  return isHealthy(diagnosis) ? ':white_check_mark:' : ':rotating_light:';
}

function candidateBlocks(diagnosis: Diagnosis, invocation: string): Block[] {
  const lines = (diagnosis.candidates ?? []).map(
    (c) => `• ${inlineCode(c.name)} ${escapeMrkdwn(c.status)}: ${inlineCode(askCommand(invocation, c.name, c.namespace))}`,
  );
  return packLines(['*Which pod?* Ask again with its full name:', ...lines], {
    max: SECTION,
    note: (left) => `… ${left} more pods`,
  }).map(section);
}

function findingBlocks(finding: Finding, fullAnswer: string): Block[] {
  const blocks: Block[] = [];
  const happened = [`*What happened*\n${escapeMrkdwn(finding.detail)}`];
  const explanation = explanationBeyondDetail(finding);
  if (explanation) happened.push(escapeMrkdwn(explanation));
  blocks.push(section(fitText(happened.join('\n\n'), SECTION)));
  if (finding.evidence.length > 0) {
    const lines = finding.evidence.map((e) => `• ${escapeMrkdwn(clip(e.text, LINE_MAX))} ${inlineCode(clip(e.source, 200))}`);
    blocks.push(
      ...packLines(['*Evidence*', ...lines], {
        max: SECTION,
        note: (left) => `… ${left} more evidence items: ${fullAnswer} shows them all`,
      }).map(section),
    );
  }
  if (finding.ruledOut && finding.ruledOut.length > 0) {
    const lines = finding.ruledOut.map((check) => `:white_check_mark: ${escapeMrkdwn(clip(check, LINE_MAX))}`);
    blocks.push(...packLines(['*Ruled out*', ...lines], { max: SECTION, note: (left) => `… ${left} more checks` }).map(section));
  }
  return blocks;
}

function statusBlock(diagnosis: Diagnosis): Block {
  const pod = diagnosis.subject.pod;
  if (!pod) return section(`*Status*\nNo pod was found for ${inlineCode(subjectName(diagnosis))}.`);
  const lines = [
    `*Status* ${inlineCode(pod.name)}: ${escapeMrkdwn(pod.status)}, ready ${escapeMrkdwn(pod.ready)}, ${pod.restarts} restarts${pod.node ? ` on ${inlineCode(pod.node)}` : ', not scheduled'}`,
    ...pod.containers.map((c) => {
      const last = c.lastState ? `; last ${escapeMrkdwn(c.lastState)}` : '';
      return `• ${c.init ? 'init ' : ''}${inlineCode(c.name)}: ${escapeMrkdwn(c.state)}${last}; ${c.restarts} restarts`;
    }),
  ];
  return section(packLines(lines, { max: SECTION, note: (left) => `… ${left} more containers` })[0]!);
}

function alsoFoundBlocks(findings: Finding[]): Block[] {
  if (findings.length === 0) return [];
  const lines = findings.map((f) => `• ${escapeMrkdwn(clip(f.title, LINE_MAX))} ${inlineCode(f.id)}`);
  return [section(packLines(['*Also found*', ...lines], { max: SECTION, note: (left) => `… ${left} more findings` })[0]!)];
}

function timelineBlocks(diagnosis: Diagnosis): Block[] {
  if (diagnosis.timeline.length === 0) return [];
  const pod = diagnosis.subject.pod ? `Pod/${diagnosis.subject.pod.name}` : undefined;
  const lines = diagnosis.timeline.map((event) => {
    const warning = event.type === 'Warning' ? ':warning: ' : '';
    const about = event.object === pod ? '' : ` (${escapeMrkdwn(event.object)})`;
    const span = escapeMrkdwn(eventSpan(event, diagnosis.generatedAt));
    return `• ${warning}*${escapeMrkdwn(event.reason)}* ${span}${about}: ${escapeMrkdwn(clip(event.message, LINE_MAX))}`;
  });
  // Recent events matter most in an incident: when they do not all fit, the oldest go.
  const [first = ''] = packLines(lines, { max: SECTION - '*Events*\n'.length, keep: 'last', note: (left) => `… ${left} earlier events` });
  return [section(`*Events*\n${first}`)];
}

/** The dead container's output when there is one (it says why it died), else the current one. */
function chooseExcerpt(logs: LogExcerpt[]): LogExcerpt | undefined {
  return logs.find((l) => l.previous && l.errorAt !== undefined) ?? logs.find((l) => l.previous) ?? logs.find((l) => l.errorAt !== undefined) ?? logs[0];
}

function logBlocks(diagnosis: Diagnosis): Block[] {
  const logs = logsPreviousFirst(diagnosis);
  const excerpt = chooseExcerpt(logs);
  if (!excerpt) return [];
  const from = excerpt.errorAt ?? 0;
  const heading = `*Logs* ${inlineCode(excerpt.container)}, ${instanceLabel(excerpt)}${excerpt.errorAt !== undefined ? ', from the first error' : ''}`;
  const budget = SECTION - heading.length - 400;
  const shown: string[] = [];
  let size = '```\n\n```'.length;
  for (const line of excerpt.lines.slice(from)) {
    const clipped = clip(line, 300);
    // Escaping can triple a line's length: measure what Slack will count.
    const cost = codeBlock([clipped]).length - '```\n\n```'.length + 1;
    if (size + cost > budget) break;
    shown.push(clipped);
    size += cost;
  }
  const cut = excerpt.lines.length - shown.length;
  const note = moreLinesNote(diagnosis, excerpt, cut);
  const text = [heading, codeBlock(shown.length > 0 ? shown : ['(no output)']), ...(note ? [escapeMrkdwn(note)] : [])].join('\n');
  const blocks: Block[] = [section(text)];
  const others = logs.filter((l) => l !== excerpt);
  if (others.length > 0) {
    const commands = others.map((l) => inlineCode(logsCommand(diagnosis, l) ?? `${l.container}${l.previous ? ' (previous)' : ''}`));
    blocks.push(context(`Other logs: ${commands.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}`));
  }
  return blocks;
}

function nextStepBlocks(finding: Finding, fullAnswer: string): Block[] {
  const steps = finding.nextSteps.map((step, index) => {
    const command = step.command ? `\n${codeBlock([clip(step.command, 1000)])}` : '';
    return `*${index + 1}.* ${escapeMrkdwn(clip(step.text, LINE_MAX))}${command}`;
  });
  return packLines(['*Next steps*', ...steps], {
    max: SECTION,
    maxChunks: STEP_SECTIONS,
    note: (left) => `… ${left} more steps: ${fullAnswer} shows them all`,
  }).map(section);
}

function runbookBlocks(diagnosis: Diagnosis, finding: Finding | undefined): Block[] {
  const links: string[] = [];
  if (finding?.runbook) links.push(link(finding.runbook.url, finding.runbook.title ?? finding.runbook.url));
  const team = diagnosis.subject.runbook;
  if (team && team !== finding?.runbook?.url) links.push(link(team, 'team runbook'));
  return links.length > 0 ? [section(`:book: *Runbook* ${links.join(' · ')}`)] : [];
}

function gapBlocks(diagnosis: Diagnosis): Block[] {
  if (diagnosis.gaps.length === 0) return [];
  const lines = diagnosis.gaps.map((gap) => {
    const detail = gap.detail.trim() ? `: ${escapeMrkdwn(clip(gap.detail, 300))}` : '';
    return `• ${escapeMrkdwn(gapLine(gap))}${detail}`;
  });
  const heading = ':warning: *Gaps*: the answer may miss what these reads would have shown';
  return [section(packLines([heading, ...lines], { max: SECTION, note: (left) => `… ${left} more gaps` })[0]!)];
}

function contextBlock(diagnosis: Diagnosis): Block {
  const parts = contextParts(diagnosis).map((part, index) =>
    index === 0 ? escapeMrkdwn(clip(part.value, 300)) : `${part.label} *${escapeMrkdwn(clip(part.value, 300))}*`,
  );
  const when = slackDate(diagnosis.generatedAt);
  if (when) parts.push(when);
  return context(...parts);
}
