import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FINDING_IDS } from '../../src/core/findings/finding-ids.ts';
import { renderJson } from '../../src/render/json/diagnosis-document.ts';
import { renderTriageJson } from '../../src/render/json/triage-document.ts';
import { ALL_DIAGNOSES, oomApi, pendingNoEvents } from './diagnoses.ts';
import { TRIAGE_ROWS } from './triage-rows.ts';

function loadSchema(file: string): { json: Record<string, any>; validator: z.ZodType } {
  const json = JSON.parse(readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8'));
  return { json, validator: z.fromJSONSchema(json) };
}

const diagnosisSchema = loadSchema('diagnosis.schema.json');
const triageSchema = loadSchema('triage.schema.json');

function problems(validator: z.ZodType, value: unknown): string[] {
  const result = validator.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('renderJson', () => {
  it.each(Object.entries(ALL_DIAGNOSES))('%s validates against docs/diagnosis.schema.json', (_, make) => {
    expect(problems(diagnosisSchema.validator, JSON.parse(renderJson(make())))).toEqual([]);
  });

  it('carries what automation reads: schemaVersion, target, findings with evidence, steps and runbook, gaps', () => {
    const json = JSON.parse(renderJson(oomApi()));
    expect(json.schemaVersion).toBe(1);
    expect(json.outcome).toBe('problem');
    expect(json.target).toEqual({
      asked: 'api-7d9f8c6b5-x2x7q',
      namespace: 'shop',
      kind: 'Pod',
      name: 'api-7d9f8c6b5-x2x7q',
      workload: { kind: 'Deployment', name: 'api' },
      runbook: null,
    });
    const [finding] = json.findings;
    expect(finding.id).toBe('oom-killed');
    expect(finding.title).toContain('512Mi');
    expect(finding.vars.limit).toBe('512Mi');
    expect(finding.evidence[0]).toEqual({
      kind: 'status',
      source: 'status.containerStatuses[api].lastState.terminated',
      text: 'Last instance terminated: reason OOMKilled, exit code 137, at 2026-11-21T11:57:40Z',
    });
    expect(finding.nextSteps[0].command).toBe('kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous');
    expect(finding.runbook.url).toBe('https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/');
    expect(json.findings[1].container).toBeNull();
    expect(json.gaps[0]).toMatchObject({ what: 'get nodes ip-10-0-3-17.ec2.internal', code: 'forbidden' });
  });

  it('gives every key even when there is no value, so consumers never test for presence', () => {
    const json = JSON.parse(renderJson(pendingNoEvents()));
    expect(json.pod.node).toBeNull();
    expect(json.findings[0].runbook).toEqual({ url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/', title: null });
    expect(json.findings[0].ruledOut).toEqual([]);
    expect(json.candidates).toEqual([]);
  });

  it('names the outcome for each shape of answer', () => {
    const outcomes = Object.fromEntries(Object.entries(ALL_DIAGNOSES).map(([name, make]) => [name, JSON.parse(renderJson(make())).outcome]));
    expect(outcomes).toEqual({
      oomApi: 'problem',
      pendingNoEvents: 'problem',
      ambiguousApi: 'ambiguous',
      healthyWeb: 'healthy',
      unmatchedUnknown: 'unmatched',
    });
  });
});

describe('the JSON schemas', () => {
  it('reject what the documented schema forbids (so passing them means something)', () => {
    const valid = JSON.parse(renderJson(oomApi()));
    const withUnknownId = structuredClone(valid);
    withUnknownId.findings[0].id = 'oom';
    const withoutGaps = structuredClone(valid);
    delete withoutGaps.gaps;
    const withExtraKey = structuredClone(valid);
    withExtraKey.findings[0].severity = 'high';
    const withBadTime = structuredClone(valid);
    withBadTime.generatedAt = 'yesterday';
    for (const broken of [withUnknownId, withoutGaps, withExtraKey, withBadTime]) {
      expect(problems(diagnosisSchema.validator, broken)).not.toEqual([]);
    }
  });

  it('list exactly the finding ids of FORMAT.md', () => {
    expect(diagnosisSchema.json.$defs.findingId.enum).toEqual([...FINDING_IDS]);
    expect(triageSchema.json.$defs.findingId.enum).toEqual([...FINDING_IDS]);
  });
});

describe('renderTriageJson', () => {
  it('validates against docs/triage.schema.json and lists pods worst first', () => {
    const json = JSON.parse(renderTriageJson(TRIAGE_ROWS));
    expect(problems(triageSchema.validator, json)).toEqual([]);
    expect(json.pods.map((pod: { pod: string }) => pod.pod)).toEqual([
      'report-builder-5c8d7f9b4-qmz2p',
      'api-7d9f8c6b5-x2x7q',
      'worker-0',
      'web-66b9d7c5d8-9hx4v',
      'web-66b9d7c5d8-k2l9d',
    ]);
    expect(json.pods[2].finding).toBeNull();
  });
});
