import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown/render-markdown.ts';
import { ambiguousApi, oomApi, pendingNoEvents, unmatchedUnknown } from './diagnoses.ts';

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(oomApi());

  it('heads the document with the verdict and the finding id', () => {
    expect(markdown.split('\n')[0]).toBe('## api was OOMKilled at its 512Mi memory limit (restarted 14 times)');
    expect(markdown).toContain('`oom-killed` · snapshot incident-4711.json · namespace `shop`');
  });

  it('puts each command in a sh block nested under its numbered step', () => {
    expect(markdown).toContain(
      '1. Read how the previous instance ended (the one that was killed)\n\n   ```sh\n   kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous\n   ```',
    );
    expect(markdown).toContain('3. Raise the limit or cap the heap below it');
  });

  it('tables the events with their counts and keeps cluster text from breaking the table', () => {
    expect(markdown).toContain('| x14 over 9m, last 2m ago | Warning | BackOff | Pod/api-7d9f8c6b5-x2x7q |');
    const diagnosis = oomApi();
    diagnosis.timeline[2]!.message = 'probe failed: <none> | exit 1';
    const row = renderMarkdown(diagnosis).split('\n').find((line) => line.includes('probe failed'))!;
    expect(row).toContain('probe failed: &lt;none&gt; \\| exit 1');
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('quotes the first error and fences the log so backticks in it cannot close the block', () => {
    expect(markdown).toContain('First error: `java.lang.OutOfMemoryError: Java heap space`');
    const diagnosis = oomApi();
    diagnosis.logs[1]!.lines.push('```', 'rm -rf / # not markdown');
    const fenced = renderMarkdown(diagnosis);
    expect(fenced).toContain('````text\n');
    expect(fenced).toContain('\n```\nrm -rf / # not markdown\n````');
  });

  it('links the runbook and lists gaps with their detail', () => {
    expect(markdown).toContain('- [Assign memory resources](https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/)');
    expect(renderMarkdown(pendingNoEvents())).toContain('- could not read: list events in shop (forbidden): events is forbidden');
  });

  it('nests under an incident doc heading when asked', () => {
    expect(renderMarkdown(oomApi(), { headingLevel: 3 })).toMatch(/^### api was OOMKilled[\s\S]*\n#### What happened\n/);
  });

  it('an ambiguous target becomes a table of pods and what to ask instead', () => {
    const table = renderMarkdown(ambiguousApi());
    expect(table).toContain('| api-7d9f8c6b5-x2x7q | CrashLoopBackOff | `k8s-why why api-7d9f8c6b5-x2x7q -n shop` |');
  });

  it('no known failure mode: a status table of containers', () => {
    const status = renderMarkdown(unmatchedUnknown());
    expect(status.split('\n')[0]).toBe('## No known failure mode matched worker-0 (ContainerStatusUnknown)');
    expect(status).toContain('| worker | terminated: ContainerStatusUnknown (exit 137) | terminated: Error (exit 2) | 2 | no |');
  });
});
