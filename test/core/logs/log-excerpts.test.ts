import { describe, expect, it } from 'vitest';
import { buildLogExcerpts, omissionMarker } from '../../../src/core/logs/log-excerpts.ts';

const lines = (count: number, prefix = 'INFO tick') => Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`);

describe('log excerpts', () => {
  it('puts containers with a previous instance first, and the previous instance before the current one', () => {
    const excerpts = buildLogExcerpts([
      { container: 'sidecar', previous: false, text: 'proxy ready\n' },
      { container: 'api', previous: false, text: 'starting\n' },
      { container: 'api', previous: true, text: 'starting\npanic: boom\n' },
    ]);
    expect(excerpts.map((e) => `${e.container}/${e.previous ? 'previous' : 'current'}`)).toEqual(['api/previous', 'api/current', 'sidecar/current']);
  });

  it('shows a short log whole and marks where the first error starts', () => {
    const [excerpt] = buildLogExcerpts([{ container: 'api', previous: true, text: 'starting\nlistening on :8080\nFATAL: config missing\n' }]);
    expect(excerpt).toEqual({ container: 'api', previous: true, lines: ['starting', 'listening on :8080', 'FATAL: config missing'], errorAt: 2, omitted: 0 });
  });

  it('cuts a long log to the first error with two lines before it and the last lines, marking what was left out', () => {
    const text = [...lines(100), 'panic: runtime error: index out of range [3] with length 3', '', 'goroutine 1 [running]:', 'main.main()', '\t/app/main.go:12 +0x1d', ...lines(200, 'INFO after')].join('\n');
    const [excerpt] = buildLogExcerpts([{ container: 'api', previous: true, text }]);
    expect(excerpt!.lines[0]).toBe(omissionMarker(98));
    expect(excerpt!.lines.slice(1, 3)).toEqual(['INFO tick 99', 'INFO tick 100']);
    expect(excerpt!.lines[excerpt!.errorAt!]).toBe('panic: runtime error: index out of range [3] with length 3');
    expect(excerpt!.lines).toContain('\t/app/main.go:12 +0x1d');
    expect(excerpt!.lines[excerpt!.lines.length - 1]).toBe('INFO after 200');
    expect(excerpt!.lines).toContain(omissionMarker(185));
    expect(excerpt!.omitted).toBe(305 - 22);
    expect(excerpt!.lines.length).toBeLessThanOrEqual(2 + 30 + 15 + 3);
  });

  it('condenses a huge Java trace to its headers, causes and innermost frames', () => {
    const frames = (n: number, cls: string) => Array.from({ length: n }, (_, i) => `\tat org.example.${cls}.f${i}(${cls}.java:${i + 1})`);
    const text = [...lines(50), 'java.lang.IllegalStateException: Failed to execute CommandLineRunner', ...frames(80, 'Outer'), 'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available', ...frames(60, 'Inner'), ...lines(30, 'INFO shutdown')].join('\n');
    const [excerpt] = buildLogExcerpts([{ container: 'api', previous: true, text }]);
    expect(excerpt!.lines).toContain('Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available');
    expect(excerpt!.lines).toContain('\tat org.example.Inner.f0(Inner.java:1)');
    expect(excerpt!.lines).not.toContain('\tat org.example.Outer.f40(Outer.java:41)');
    expect(excerpt!.lines.length).toBeLessThan(60);
  });

  it('shows the last lines of a long log without an error', () => {
    const [excerpt] = buildLogExcerpts([{ container: 'api', previous: true, text: lines(300).join('\n') }]);
    expect(excerpt!.errorAt).toBeUndefined();
    expect(excerpt!.lines).toEqual([omissionMarker(280), ...lines(300).slice(280)]);
    expect(excerpt!.omitted).toBe(280);
  });

  it('skips empty logs, strips colour codes and clips very long lines', () => {
    const excerpts = buildLogExcerpts([
      { container: 'api', previous: true, text: '  \n' },
      { container: 'api', previous: false, text: `\u001b[31mERROR\u001b[0m something broke\n${'x'.repeat(1000)}\n` },
    ]);
    expect(excerpts).toHaveLength(1);
    expect(excerpts[0]!.lines[0]).toBe('ERROR something broke');
    expect(excerpts[0]!.lines[1]).toBe(`${'x'.repeat(400)}… (600 more chars)`);
  });
});
