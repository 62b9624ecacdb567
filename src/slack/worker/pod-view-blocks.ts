import type { Diagnosis } from '../../core/diagnosis.ts';
import type { TimelineEvent } from '../../core/events/timeline.ts';
import { contextLine, subjectName } from '../../render/answer-parts.ts';
import { age, eventSpan } from '../../render/durations.ts';
import { actionsBlock, type ActionButton } from '../../render/slack/actions.ts';
import { context, plainText, section, type Block, type SlackMessage } from '../../render/slack/block-kit.ts';
import { SLACK_LIMITS, fitSlackLimits } from '../../render/slack/limits.ts';
import { clip, codeBlock, escapeMrkdwn, inlineCode } from '../../render/slack/mrkdwn.ts';
import { packLines } from '../../render/slack/pack-lines.ts';

// `describe`, `events` and `logs` in a channel: the same views as the CLI's text, as Block Kit.

const LINE_MAX = 500;

function withButtons(blocks: Block[], buttons: readonly ActionButton[]): Block[] {
  return buttons.length > 0 ? [...blocks, actionsBlock(buttons)] : blocks;
}

/** Events oldest first with repeats merged; the newest are kept when they do not all fit. */
function eventsSection(timeline: readonly TimelineEvent[], now: string, pod: string | undefined): Block {
  if (timeline.length === 0) return section("*Events*\nNone left: events expire after about an hour (the API server's --event-ttl).");
  const lines = timeline.map((event) => {
    const warning = event.type === 'Warning' ? ':warning: ' : '';
    const about = event.object === pod ? '' : ` (${escapeMrkdwn(event.object)})`;
    return `• ${warning}*${escapeMrkdwn(event.reason)}* ${escapeMrkdwn(eventSpan(event, now))}${about}: ${escapeMrkdwn(clip(event.message, LINE_MAX))}`;
  });
  const [text = ''] = packLines(lines, { max: SLACK_LIMITS.sectionText - '*Events*\n'.length, keep: 'last', note: (left) => `… ${left} earlier events` });
  return section(`*Events*\n${text}`);
}

/** A pod's status, node, owner and containers as `kubectl describe` leads with them, then its events. */
export function describeBlocks(diagnosis: Diagnosis, buttons: readonly ActionButton[]): SlackMessage {
  const pod = diagnosis.subject.pod;
  const podObject = pod ? `Pod/${pod.name}` : undefined;
  if (!pod) {
    const what = `${subjectName(diagnosis)} in ${diagnosis.namespace}: no pod to describe`;
    const blocks = [section(`*${escapeMrkdwn(what)}*`), eventsSection(diagnosis.timeline, diagnosis.generatedAt, podObject), context(escapeMrkdwn(contextLine(diagnosis)))];
    return fitSlackLimits({ text: escapeMrkdwn(what), blocks: withButtons(blocks, buttons) });
  }
  const since = age(pod.createdAt, diagnosis.generatedAt);
  const status = [
    `*Status* ${escapeMrkdwn(pod.status)} (phase ${escapeMrkdwn(pod.phase)}), ready ${escapeMrkdwn(pod.ready)}, ${pod.restarts} restarts${since ? `, age ${escapeMrkdwn(since)}` : ''}`,
    `*Node* ${pod.node ? inlineCode(pod.node) : 'not scheduled'}`,
    ...(diagnosis.subject.workload ? [`*Owner* ${inlineCode(`${diagnosis.subject.workload.kind}/${diagnosis.subject.workload.name}`)}`] : []),
  ];
  const containers = pod.containers.map((c) => {
    const last = c.lastState ? `; last ${escapeMrkdwn(c.lastState)}` : '';
    return `• ${inlineCode(c.name)}${c.init ? ' (init)' : ''} ${inlineCode(clip(c.image ?? '?', 200))}: ${escapeMrkdwn(c.state)}${last}; ready ${c.ready}; ${c.restarts} restarts`;
  });
  const blocks: Block[] = [
    { type: 'header', text: plainText(clip(`Pod ${pod.name} (${pod.namespace})`, SLACK_LIMITS.headerText)) },
    section(status.join('\n')),
    ...packLines(['*Containers*', ...containers], { max: SLACK_LIMITS.sectionText, note: (left) => `… ${left} more containers` }).map(section),
    eventsSection(diagnosis.timeline, diagnosis.generatedAt, podObject),
    context(escapeMrkdwn(contextLine(diagnosis))),
  ];
  return fitSlackLimits({ text: escapeMrkdwn(`${pod.name} in ${pod.namespace}: ${pod.status}`), blocks: withButtons(blocks, buttons) });
}

export function eventsBlocks(diagnosis: Diagnosis, buttons: readonly ActionButton[]): SlackMessage {
  const pod = diagnosis.subject.pod;
  const about = pod ? `pod/${pod.name}` : subjectName(diagnosis);
  const title = `Events of ${about} in ${diagnosis.namespace}`;
  const blocks: Block[] = [
    { type: 'header', text: plainText(clip(title, SLACK_LIMITS.headerText)) },
    eventsSection(diagnosis.timeline, diagnosis.generatedAt, pod ? `Pod/${pod.name}` : undefined),
    context(escapeMrkdwn(contextLine(diagnosis))),
  ];
  return fitSlackLimits({ text: escapeMrkdwn(`${title}: ${diagnosis.timeline.length} events`), blocks: withButtons(blocks, buttons) });
}

export interface LogView {
  pod: string;
  container: string;
  namespace: string;
  previous: boolean;
  text: string;
}

/** Room for the log in one section, after the heading and the note under it. */
const LOG_BUDGET = SLACK_LIMITS.sectionText - 600;

/**
 * The end of a log, as many whole lines as fit one section (escaping counted). `complete`
 * says whether that was all of it; when not, the worker attaches the whole log as a file.
 */
export function logBlocks(view: LogView, buttons: readonly ActionButton[]): { message: SlackMessage; complete: boolean } {
  const lines = view.text.replace(/\n$/, '').split('\n');
  const empty = view.text.trim() === '';
  const shown: string[] = [];
  let size = 0;
  for (let i = lines.length - 1; i >= 0 && !empty; i--) {
    const line = clip(lines[i]!, 300);
    const cost = codeBlock([line]).length - '```\n\n```'.length + 1;
    if (size + cost > LOG_BUDGET) break;
    shown.unshift(line);
    size += cost;
  }
  const complete = empty || (shown.length === lines.length && shown.every((line, i) => line === lines[i]));
  const instance = view.previous ? 'previous instance' : 'current instance';
  const title = `Logs of ${view.pod} -c ${view.container} (${instance})`;
  const command = `kubectl logs ${view.pod} -n ${view.namespace} -c ${view.container}${view.previous ? ' --previous' : ''}`;
  const note = complete ? undefined : `The last ${shown.length} of ${lines.length} lines. Everything: ${inlineCode(command)}`;
  const blocks: Block[] = [
    { type: 'header', text: plainText(clip(title, SLACK_LIMITS.headerText)) },
    section([empty ? `_No ${view.previous ? 'previous ' : ''}output._` : codeBlock(shown), ...(note ? [note] : [])].join('\n')),
  ];
  return { message: fitSlackLimits({ text: escapeMrkdwn(title), blocks: withButtons(blocks, buttons) }), complete };
}
