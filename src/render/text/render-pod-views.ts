import type { Diagnosis } from '../../core/diagnosis.ts';
import type { TimelineEvent } from '../../core/events/timeline.ts';
import { age, eventSpan } from '../durations.ts';
import { palette, terminalSafe } from './ansi.ts';

/**
 * `describe`: the pod's state as `kubectl describe` leads with it (status, node, every
 * container's state, last state and restarts) followed by its de-duplicated events.
 */
export function renderDescribeText(diagnosis: Diagnosis, options: { color: boolean }): string {
  const p = palette(options.color);
  const pod = diagnosis.subject.pod;
  const lines: string[] = [];
  if (!pod) {
    lines.push(`${diagnosis.subject.kind}/${diagnosis.subject.name} in ${diagnosis.namespace}: no pod to describe`);
  } else {
    const since = age(pod.createdAt, diagnosis.generatedAt);
    lines.push(p.bold(`Pod ${pod.name}`) + `  (namespace ${pod.namespace})`);
    lines.push(`  Status:    ${pod.status} (phase ${pod.phase}), ready ${pod.ready}, ${pod.restarts} restart(s)${since ? `, age ${since}` : ''}`);
    lines.push(`  Node:      ${pod.node ?? '(not scheduled)'}`);
    if (diagnosis.subject.workload) lines.push(`  Owner:     ${diagnosis.subject.workload.kind}/${diagnosis.subject.workload.name}`);
    lines.push('', p.bold('Containers'));
    for (const container of pod.containers) {
      lines.push(`  ${container.name}${container.init ? ' (init)' : ''}  ${terminalSafe(container.image ?? '')}`);
      lines.push(`    State: ${container.state}${container.lastState ? `; last: ${container.lastState}` : ''}; ready ${container.ready}; restarts ${container.restarts}`);
    }
  }
  lines.push('', renderEventsText(diagnosis.timeline, diagnosis.generatedAt, options));
  return `${lines.join('\n')}\n`;
}

/** `events`: sorted oldest first, repeats merged with their counts, like a readable `kubectl get events`. */
export function renderEventsText(timeline: readonly TimelineEvent[], now: string, options: { color: boolean }): string {
  const p = palette(options.color);
  if (timeline.length === 0) return `${p.bold('Events')}\n  none left: events expire after about an hour (the API server's --event-ttl)`;
  const lines = [p.bold('Events')];
  for (const event of timeline) {
    const type = event.type === 'Warning' ? p.yellow('Warning') : p.dim('Normal ');
    lines.push(`  ${type}  ${terminalSafe(event.reason).padEnd(22)} ${terminalSafe(event.object)}  ${p.dim(eventSpan(event, now))}`);
    lines.push(`           ${terminalSafe(event.message)}`);
  }
  return lines.join('\n');
}
