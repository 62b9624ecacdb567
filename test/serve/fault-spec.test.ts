import { describe, expect, it } from 'vitest';
import { parseDuration, parseFaultSpec } from '../../src/serve/fault-spec.ts';
import { FaultPlan } from '../../src/serve/faults.ts';

describe('fault specs from the command line', () => {
  it('reads status codes, resets, stalls and slow bodies, with an optional count', () => {
    expect(parseFaultSpec('**/log=403')).toEqual({ path: '**/log', status: 403 });
    expect(parseFaultSpec('**/events=500,times=2')).toEqual({ path: '**/events', status: 500, times: 2 });
    expect(parseFaultSpec('/api/v1/nodes/*=stall:5s')).toEqual({ path: '/api/v1/nodes/*', stallMs: 5000 });
    expect(parseFaultSpec('**=stall')).toEqual({ path: '**', stallMs: Number.POSITIVE_INFINITY });
    expect(parseFaultSpec('**/pods=slow:300ms')).toEqual({ path: '**/pods', slowBodyMs: 300 });
    expect(parseFaultSpec('**=reset,times=1')).toEqual({ path: '**', reset: true, times: 1 });
  });

  it('says what was expected when a spec is wrong', () => {
    expect(parseFaultSpec('403')).toMatchObject({ error: expect.stringContaining('PATH_GLOB=ACTION') });
    expect(parseFaultSpec('**/log=explode')).toMatchObject({ error: expect.stringContaining('unknown action "explode"') });
    expect(parseFaultSpec('**/log=stall:soon')).toMatchObject({ error: expect.stringContaining('"soon" is not a duration') });
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('5')).toBeUndefined();
  });

  it('matches globs segment by segment, first fault first, until a fault is used up', () => {
    const plan = new FaultPlan([
      { path: '/api/v1/namespaces/*/pods/*/log', status: 403, times: 1 },
      { path: '**/events', status: 500 },
      { path: /fieldSelector=involvedObject\.name=web-1/, status: 504 },
    ]);
    expect(plan.take('/api/v1/namespaces/shop/pods/web-1/log', '')?.status).toBe(403);
    expect(plan.take('/api/v1/namespaces/shop/pods/web-1/log', '')).toBeUndefined();
    expect(plan.take('/api/v1/namespaces/shop/pods', '')).toBeUndefined();
    expect(plan.take('/apis/events.k8s.io/v1/namespaces/shop/events', '')?.status).toBe(500);
    // RegExps see the query decoded, as a person writes it.
    expect(plan.take('/api/v1/namespaces/shop/pods', '?fieldSelector=involvedObject.name%3Dapi-1')).toBeUndefined();
    expect(plan.take('/api/v1/namespaces/shop/pods', '?fieldSelector=involvedObject.name%3Dweb-1')?.status).toBe(504);
  });
});
