import { describe, expect, it } from 'vitest';
import { age, eventSpan, humanDuration } from '../../src/render/durations.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration reads like kubectl AGE', () => {
  it.each([
    [45 * s, '45s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 30 * s, '5m30s'],
    [95 * m, '95m'],
    [3 * h + 20 * m, '3h20m'],
    [30 * h, '30h'],
    [5 * d + 2 * h, '5d2h'],
    [40 * d, '40d'],
    [-5 * s, '<invalid>'],
  ])('%d ms -> %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('eventSpan', () => {
  const now = '2026-11-21T12:00:00Z';
  it('says how often, over how long and how recently a repeated event happened', () => {
    expect(eventSpan({ count: 14, firstSeen: '2026-11-21T11:49:00Z', lastSeen: '2026-11-21T11:58:00Z' }, now)).toBe(
      'x14 over 9m, last 2m ago',
    );
  });
  it('gives a single event its time only', () => {
    expect(eventSpan({ count: 1, firstSeen: '2026-11-21T11:55:00Z', lastSeen: '2026-11-21T11:55:00Z' }, now)).toBe('5m ago');
  });
  it('keeps the count when the first occurrence is unknown', () => {
    expect(eventSpan({ count: 3, lastSeen: '2026-11-21T11:30:00Z' }, now)).toBe('x3, last 30m ago');
  });
  it('does not print a negative age when a component clock runs ahead', () => {
    expect(eventSpan({ count: 1, lastSeen: '2026-11-21T12:00:30Z' }, now)).toBe('0s ago');
  });
  it('has no age without a time', () => {
    expect(age(undefined, now)).toBeUndefined();
  });
});
