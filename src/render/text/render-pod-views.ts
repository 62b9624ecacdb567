import type { Diagnosis } from '../../core/diagnosis.ts';
import { age } from '../durations.ts';
import { palette, terminalSafe } from './ansi.ts';
import { timelineLines } from './timeline-text.ts';

export interface PodViewOptions {
  color: boolean;
  /** Terminal columns for wrapping event messages; unbounded when piped. */
  width?: number;
}

/**
 * `describe`: the pod's state as `kubectl describe` leads with it (status, node, every
 * container's state, last state and restarts) followed by its de-duplicated events.
 */
export function renderDescribeText(diagnosis: Diagnosis, options: PodViewOptions): string {
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
  lines.push(...timelineLines(diagnosis.timeline, diagnosis.generatedAt, { p, width: options.width ?? Number.POSITIVE_INFINITY, subject: subjectOf(diagnosis), sayWhenEmpty: true }));
  return `${lines.join('\n')}\n`;
}

/** `events`: the same timeline the full answer shows, on its own. */
export function renderEventsText(diagnosis: Diagnosis, options: PodViewOptions): string {
  const lines = timelineLines(diagnosis.timeline, diagnosis.generatedAt, { p: palette(options.color), width: options.width ?? Number.POSITIVE_INFINITY, subject: subjectOf(diagnosis), sayWhenEmpty: true });
  return `${lines.slice(1).join('\n')}\n`;
}

function subjectOf(diagnosis: Diagnosis): string | undefined {
  return diagnosis.subject.pod ? `Pod/${diagnosis.subject.pod.name}` : undefined;
}
