import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/core/diagnosis.ts';
import type { Block, SlackMessage } from '../../src/render/slack/block-kit.ts';
import { SLACK_LIMITS, fitSlackLimits, fitText } from '../../src/render/slack/limits.ts';
import { renderBlocks } from '../../src/render/slack/render-blocks.ts';
import { oomApi } from './diagnoses.ts';
import { allText, slackViolations } from './slack-limit-check.ts';

const LONG = 'Back-off restarting failed container <api> & friends '.repeat(100); // ~5300 chars
const UNICODE = '内存不足 💥 ошибка 🧑‍💻 ';

/** Every field at its worst: what a real incident can produce. */
function oversized(): Diagnosis {
  const diagnosis = oomApi();
  const finding = diagnosis.findings[0]!;
  finding.title = `${UNICODE.repeat(20)}${LONG}`;
  finding.detail = LONG;
  finding.explanation = LONG;
  finding.evidence = Array.from({ length: 80 }, (_, i) => ({
    kind: 'event' as const,
    source: `event BackOff #${i}`,
    text: `${UNICODE}${i}: ${LONG.slice(0, 700)}`,
  }));
  finding.ruledOut = Array.from({ length: 60 }, (_, i) => `check ${i} came back clean ${UNICODE}`);
  finding.nextSteps = Array.from({ length: 30 }, (_, i) => ({ text: `step ${i} ${LONG.slice(0, 300)}`, command: `kubectl describe pod api-${i} -n shop # ${'x'.repeat(900)}` }));
  diagnosis.findings.push(
    ...Array.from({ length: 40 }, (_, i) => ({ ...finding, id: 'crash-loop' as const, title: `secondary ${i} ${LONG.slice(0, 400)}` })),
  );
  diagnosis.timeline = Array.from({ length: 200 }, (_, i) => ({
    type: 'Warning',
    reason: `BackOff${i}`,
    message: LONG,
    count: i + 1,
    firstSeen: '2026-11-21T09:00:00Z',
    lastSeen: '2026-11-21T11:00:00Z',
    object: 'Pod/api-7d9f8c6b5-x2x7q',
  }));
  diagnosis.logs = [
    {
      container: 'api',
      previous: true,
      lines: Array.from({ length: 2000 }, (_, i) => `${i} ${UNICODE}<html>&nbsp;${'```'} ${'y'.repeat(i % 400)}`),
      errorAt: 3,
      omitted: 0,
    },
    ...Array.from({ length: 12 }, (_, i) => ({ container: `sidecar-${i}`, previous: false, lines: [LONG], omitted: 5 })),
  ];
  diagnosis.gaps = Array.from({ length: 50 }, (_, i) => ({ what: `list events in ns-${i}`, code: 'forbidden' as const, detail: LONG }));
  diagnosis.source = `snapshot ${'very-long-name-'.repeat(300)}.json`;
  return diagnosis;
}

const BUTTONS = Array.from({ length: 30 }, (_, i) => ({ text: `Button ${i} ${'with a very long label '.repeat(10)}`, actionId: `a${i}`, value: 'v'.repeat(3000) }));

describe('renderBlocks under oversized content', () => {
  const message = renderBlocks(oversized(), { actions: BUTTONS });

  it('stays inside every Slack limit', () => {
    expect(slackViolations(message)).toEqual([]);
  });

  it('cuts long content with a note that says what was left out and how to see it', () => {
    const text = allText(message);
    expect(text).toMatch(/… \d+ more evidence items: `k8s-why why api-7d9f8c6b5-x2x7q -n shop` shows them all/);
    expect(text).toMatch(/… \d+ more lines: run kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous/);
    expect(text).toMatch(/… \d+ earlier events/);
    expect(text).toMatch(/… \d+ more findings/);
  });

  it('keeps the verdict first and the context and buttons last', () => {
    const header = (message.blocks[0] as { type: string; text: { text: string } });
    expect(header.type).toBe('header');
    expect(header.text.text.startsWith(':rotating_light: 内存不足 💥')).toBe(true);
    expect(header.text.text.match(/…/g)).toHaveLength(1);
    expect(message.blocks.at(-1)!.type).toBe('actions');
    expect(message.blocks.at(-2)!.type).toBe('context');
  });

  it('keeps the newest events when the oldest must go', () => {
    const events = allText(message).split('\n').filter((line) => line.includes('*BackOff'));
    expect(events.at(-1)).toContain('*BackOff199*');
    expect(events.some((line) => line.includes('*BackOff0*'))).toBe(false);
  });
});

describe('fitSlackLimits on raw oversized blocks', () => {
  const hugeCode = `*Logs*\n\`\`\`\n${'line with &amp; entity\n'.repeat(400)}\`\`\``;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: `${'🔥'.repeat(74)}x${'🔥'.repeat(100)}` } },
    { type: 'section', text: { type: 'mrkdwn', text: hugeCode } },
    { type: 'section', fields: Array.from({ length: 15 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(3000) })) },
    { type: 'section', text: { type: 'mrkdwn', text: '   ' } },
    { type: 'context', elements: Array.from({ length: 14 }, (_, i) => ({ type: 'mrkdwn' as const, text: `element ${i}` })) },
    ...Array.from({ length: 60 }, (_, i): Block => ({ type: 'section', text: { type: 'mrkdwn', text: `filler ${i}` } })),
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'source · namespace shop' }] },
    {
      type: 'actions',
      elements: Array.from({ length: 30 }, (_, i) => ({
        type: 'button' as const,
        text: { type: 'plain_text' as const, text: 'b'.repeat(100) },
        action_id: `id-${i}-${'z'.repeat(300)}`,
        value: 'v'.repeat(2500),
      })),
    },
  ];
  const fitted = fitSlackLimits({ text: 'x'.repeat(50_000), blocks });

  it('the independent checker sees the violations in the input', () => {
    expect(slackViolations({ text: 'x'.repeat(50_000), blocks }).length).toBeGreaterThan(5);
  });

  it('brings every limit back within bounds', () => {
    expect(slackViolations(fitted)).toEqual([]);
    expect(fitted.blocks.length).toBe(SLACK_LIMITS.blocksPerMessage);
  });

  it('closes a code block it cut and never splits an entity or an emoji', () => {
    const code = (fitted.blocks[1] as { text: { text: string } }).text.text;
    expect(code.length).toBeLessThanOrEqual(3000);
    expect(code.endsWith('```\n…')).toBe(true);
    expect(code).not.toMatch(/&(?!amp;|lt;|gt;)/);
    const header = (fitted.blocks[0] as { text: { text: string } }).text.text;
    expect(header.isWellFormed()).toBe(true);
    expect(header.length).toBeLessThanOrEqual(150);
  });

  it('says how many blocks it left out and keeps the context and buttons at the end', () => {
    expect(allText(fitted)).toMatch(/… \d+ more blocks left out to stay within Slack's limits/);
    expect(fitted.blocks.at(-1)!.type).toBe('actions');
    expect((fitted.blocks.at(-2) as { elements: { text: string }[] }).elements[0]!.text).toBe('source · namespace shop');
  });

  it('drops empty sections Slack would reject', () => {
    expect(fitted.blocks.some((b) => b.type === 'section' && b.text?.text.trim() === '')).toBe(false);
  });
});

describe('fitText', () => {
  it('leaves text within the limit alone', () => {
    expect(fitText('short', 10)).toBe('short');
  });
  it('does not cut inside a link', () => {
    const text = `${'a'.repeat(90)} <https://example.com/runbook|runbook>`;
    const cut = fitText(text, 100);
    expect(cut).not.toContain('<https');
    expect(cut.length).toBeLessThanOrEqual(100);
  });
});

describe('a message already within limits', () => {
  it('passes through unchanged', () => {
    const message: SlackMessage = renderBlocks(oomApi());
    expect(fitSlackLimits(message)).toEqual(message);
  });
});
