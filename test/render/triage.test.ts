import { describe, expect, it } from 'vitest';
import { renderTriageMarkdown } from '../../src/render/markdown/render-triage-markdown.ts';
import { renderTriageBlocks } from '../../src/render/slack/render-triage-blocks.ts';
import { renderTriageText } from '../../src/render/text/render-triage-text.ts';
import type { TriageRow } from '../../src/render/triage-row.ts';
import { allText, slackViolations } from './slack-limit-check.ts';
import { TRIAGE_ROWS } from './triage-rows.ts';

describe('renderTriageText', () => {
  const text = renderTriageText(TRIAGE_ROWS, { color: false });
  const lines = text.trimEnd().split('\n');

  it('has a header and one line per pod, worst first', () => {
    expect(lines[0]).toMatch(/^POD\s+STATUS\s+READY\s+RESTARTS\s+AGE\s+FINDING$/);
    expect(lines.slice(1, 6).map((line) => line.split(/\s+/)[0])).toEqual([
      'report-builder-5c8d7f9b4-qmz2p',
      'api-7d9f8c6b5-x2x7q',
      'worker-0',
      'web-66b9d7c5d8-9hx4v',
      'web-66b9d7c5d8-k2l9d',
    ]);
    expect(lines[2]).toMatch(/api-7d9f8c6b5-x2x7q\s+CrashLoopBackOff\s+0\/1\s+14\s+3h\s+oom-killed: api was OOMKilled at its 512Mi/);
    expect(lines[3]).toContain('no known failure mode matched');
    expect(lines.at(-1)).toBe('3 of 5 pods need attention');
  });

  it('aligns columns and adds NAMESPACE only when pods span namespaces', () => {
    expect(text).not.toContain('NAMESPACE');
    const mixed = renderTriageText([...TRIAGE_ROWS, { ...TRIAGE_ROWS[0]!, namespace: 'payments', pod: 'ledger-0' }], { color: false });
    expect(mixed.split('\n')[0]).toMatch(/^NAMESPACE\s+POD/);
    const statusColumn = mixed.split('\n')[0]!.indexOf('STATUS');
    expect(mixed.split('\n')[1]!.slice(statusColumn)).toMatch(/^Pending/);
  });

  it('cuts the finding to the width and colours only on request', () => {
    const narrow = renderTriageText(TRIAGE_ROWS, { color: false, width: 100 });
    for (const line of narrow.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(narrow).not.toContain('\u001b');
    expect(renderTriageText(TRIAGE_ROWS, { color: true })).toContain('\u001b[31mCrashLoopBackOff');
  });
});

describe('renderTriageMarkdown', () => {
  it('is a table with one row per pod, worst first', () => {
    const markdown = renderTriageMarkdown(TRIAGE_ROWS);
    const rows = markdown.split('\n').filter((line) => line.startsWith('| shop'));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toContain('`report-builder-5c8d7f9b4-qmz2p` | Pending | 0/1 | 0 | 20m | `insufficient-resources` No node has 6Gi');
    expect(markdown.split('\n')[0]).toBe('3 of 5 pods need attention.');
  });
});

describe('renderTriageBlocks', () => {
  it('lists pods needing attention and folds healthy ones into one line', () => {
    const message = renderTriageBlocks(TRIAGE_ROWS, { scope: 'namespace shop' });
    const text = allText(message);
    expect(text).toContain(':rotating_light: Triage of namespace shop: 3 of 5 pods need attention');
    expect(text).toContain('• *api-7d9f8c6b5-x2x7q* CrashLoopBackOff · 14 restarts · 3h');
    expect(text).toContain('`oom-killed` api was OOMKilled at its 512Mi memory limit');
    expect(text).toContain(':white_check_mark: 2 healthy: web-66b9d7c5d8-9hx4v, web-66b9d7c5d8-k2l9d');
    expect(text.indexOf('report-builder')).toBeLessThan(text.indexOf('api-7d9f8c6b5-x2x7q'));
    expect(slackViolations(message)).toEqual([]);
  });

  it('stays inside Slack limits for a whole cluster of failing pods', () => {
    const many: TriageRow[] = Array.from({ length: 2000 }, (_, i) => ({
      pod: `pod-${i}-${'x'.repeat(40)}`,
      namespace: `ns-${i % 7}`,
      status: i % 3 ? 'CrashLoopBackOff' : 'Running',
      restarts: i,
      age: '1d',
      finding: i % 3 ? { id: 'crash-loop', title: `worker exited with code 1 <${'e'.repeat(300)}>` } : { id: 'healthy', title: 'ok' },
    }));
    const message = renderTriageBlocks(many);
    expect(slackViolations(message)).toEqual([]);
    expect(allText(message)).toMatch(/… \d+ more pods need attention/);
  });
});
