import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/core/kube/types.ts';
import { DEMO_FILE, DEMO_QUESTIONS, demoScenarioFiles, staleDemoScenarios } from '../../scripts/demo-scenarios.ts';

// test/scenarios/demo-*.json are the demo's own objects with a question each; the contract test
// runs them. These checks keep them derived from demo/shop.json rather than hand-edited copies.

const demoText = readFileSync(DEMO_FILE, 'utf8');
const demo = JSON.parse(demoText) as { objects: KubeObject[] };

const KIND_OF: Record<string, string> = { deploy: 'Deployment', sts: 'StatefulSet', job: 'Job', cronjob: 'CronJob', ds: 'DaemonSet' };

describe('demo scenarios', () => {
  it('match what scripts/demo-scenarios.ts derives from demo/shop.json', () => {
    expect(staleDemoScenarios(demoScenarioFiles(demoText)), 'run: node scripts/demo-scenarios.ts').toEqual([]);
  });

  it('carry the demo objects unchanged', () => {
    for (const content of demoScenarioFiles(demoText).values()) {
      expect((JSON.parse(content) as { objects: unknown[] }).objects).toEqual(demo.objects);
    }
  });

  it('ask about at least four different failures of the demo, each target present in it', () => {
    expect(new Set(DEMO_QUESTIONS.map((q) => q.expect.finding)).size).toBeGreaterThanOrEqual(4);
    for (const { ask } of DEMO_QUESTIONS) {
      const [prefix, name] = ask.target.includes('/') ? ask.target.split('/') : ['pod', ask.target];
      const kind = KIND_OF[prefix!] ?? 'Pod';
      expect(demo.objects.some((o) => o.kind === kind && o.metadata.name === name && o.metadata.namespace === ask.namespace), ask.target).toBe(true);
    }
  });
});
