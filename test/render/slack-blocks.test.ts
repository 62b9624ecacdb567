import { describe, expect, it } from 'vitest';
import type { Block, SectionBlock } from '../../src/render/slack/block-kit.ts';
import { renderBlocks } from '../../src/render/slack/render-blocks.ts';
import { ALL_DIAGNOSES, ambiguousApi, oomApi, pendingNoEvents, unmatchedUnknown } from './diagnoses.ts';
import { allText, slackViolations } from './slack-limit-check.ts';

function sectionTexts(blocks: Block[]): string[] {
  return blocks.filter((b): b is SectionBlock => b.type === 'section').map((b) => b.text?.text ?? '');
}

describe('renderBlocks: an OOMKilled api pod', () => {
  const message = renderBlocks(oomApi(), { actions: [{ text: 'Re-run', actionId: 'k8s-why.rerun', value: '{"target":"api"}' }] });
  const sections = sectionTexts(message.blocks);

  it('heads with the verdict and notifies with pod and verdict', () => {
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    expect((message.blocks[0] as { text: { text: string } }).text.text).toContain('api was OOMKilled at its 512Mi memory limit');
    expect(message.text).toBe('api-7d9f8c6b5-x2x7q in shop: api was OOMKilled at its 512Mi memory limit (restarted 14 times)');
  });

  it('lays out what happened, evidence, events, error lines, steps, runbook and gaps in that order', () => {
    const order = ['*What happened*', '*Evidence*', '*Ruled out*', '*Also found*', '*Events*', '*Logs*', '*Next steps*', '*Runbook*', '*Gaps*'].map((title) =>
      sections.findIndex((text) => text.includes(title)),
    );
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows the events de-duplicated with counts', () => {
    expect(sections.find((t) => t.startsWith('*Events*'))).toContain(':warning: *BackOff* x14 over 9m, last 2m ago');
  });

  it('quotes the dead container’s error lines in a code block with the command for the rest', () => {
    const logs = sections.find((t) => t.startsWith('*Logs*'))!;
    expect(logs).toContain('`api`, previous instance');
    expect(logs).toContain('```\njava.lang.OutOfMemoryError: Java heap space\n');
    expect(logs).toContain('… 119 more lines: run kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous');
  });

  it('gives next-step commands in code blocks', () => {
    const steps = sections.find((t) => t.startsWith('*Next steps*'))!;
    expect(steps).toContain('*1.* Read how the previous instance ended');
    expect(steps).toContain('```\nkubectl top pod api-7d9f8c6b5-x2x7q -n shop --containers\n```');
  });

  it('links the runbook and names the gap', () => {
    expect(sections.join('\n')).toContain(
      '<https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/|Assign memory resources>',
    );
    expect(sections.join('\n')).toContain('could not read: get nodes ip-10-0-3-17.ec2.internal (forbidden)');
  });

  it('ends with the context line, then the action buttons', () => {
    const [context, actions] = message.blocks.slice(-2);
    expect(context?.type).toBe('context');
    const parts = (context as { elements: { text: string }[] }).elements.map((e) => e.text);
    expect(parts).toEqual(
      expect.arrayContaining(['snapshot incident-4711.json', 'namespace *shop*', 'node *ip-10-0-3-17.ec2.internal*', 'age *3h*', 'restarts *14*']),
    );
    expect(actions).toEqual({
      type: 'actions',
      block_id: 'k8s-why-actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Re-run', emoji: true }, action_id: 'k8s-why.rerun', value: '{"target":"api"}' }],
    });
  });
});

describe('renderBlocks: escaping', () => {
  it('escapes &, < and > from the cluster so a log cannot mention @channel or forge a link', () => {
    const diagnosis = oomApi();
    diagnosis.findings[0]!.detail = 'limit <512Mi> & rising';
    diagnosis.logs[1]!.lines[1] = 'java.lang.OutOfMemoryError <!channel> <https://evil.example|click>';
    const text = allText(renderBlocks(diagnosis));
    expect(text).toContain('limit &lt;512Mi&gt; &amp; rising');
    expect(text).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt;');
    expect(text).not.toContain('<!channel>');
  });

  it('keeps a log’s own ``` from closing the code block early', () => {
    const diagnosis = oomApi();
    diagnosis.logs[1]!.lines.push('```', 'after the fence');
    expect(slackViolations(renderBlocks(diagnosis))).toEqual([]);
  });
});

describe('renderBlocks: other shapes', () => {
  it('an ambiguous target lists candidates with what to type instead', () => {
    const text = allText(renderBlocks(ambiguousApi(), { invocation: '/why' }));
    expect(text).toContain('"api" matches 3 pods in shop: which one?');
    expect(text).toContain('• `api-7d9f8c6b5-x2x7q` CrashLoopBackOff: `/why api-7d9f8c6b5-x2x7q -n shop`');
  });

  it('no known failure mode: the status, events and logs still come', () => {
    const text = allText(renderBlocks(unmatchedUnknown()));
    expect(text).toContain('No known failure mode matched worker-0 (ContainerStatusUnknown)');
    expect(text).toContain('• `worker`: terminated: ContainerStatusUnknown (exit 137); last terminated: Error (exit 2); 2 restarts');
    expect(text).toContain('The container could not be located when the pod was terminated');
    expect(text).toContain('worker: draining queue orders-eu (3 left)');
  });

  it('a Pending pod without readable events shows the gap instead of an empty timeline', () => {
    const text = allText(renderBlocks(pendingNoEvents()));
    expect(text).toContain('could not read: list events in shop (forbidden)');
    expect(text).not.toContain('*Events*');
  });

  it.each(Object.entries(ALL_DIAGNOSES))('%s stays inside every Slack limit', (_, make) => {
    expect(slackViolations(renderBlocks(make(), { actions: [{ text: 'Re-run', actionId: 'rerun' }] }))).toEqual([]);
  });
});
