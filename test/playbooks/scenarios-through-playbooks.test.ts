import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/diagnose.ts';
import type { Finding } from '../../src/core/findings/finding.ts';
import { applyPlaybook } from '../../src/core/playbooks/apply-playbook.ts';
import { knownVariables } from '../../src/core/playbooks/template-variables.ts';
import { loadPlaybooks } from '../../src/playbooks/load-playbooks.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { loadScenario, OWN_SCENARIOS, scenarioFiles, SHARED_EXAMPLES } from '../support/scenarios.ts';

const loaded = loadPlaybooks();
if (!loaded.ok) throw new Error('the built-in playbooks must load');
const playbooks = loaded.playbooks;
const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES)];

/**
 * Every scenario through the real pipeline with the built-in playbooks: what a person reads for
 * real cases, and a guard that the variable catalogue (and so docs/playbooks.md and the
 * unknown-variable warning) keeps up with what the detectors provide.
 */
describe.each(files.map((file) => [file.split('/').slice(-2).join('/'), file]))('%s through the playbooks', (_name, file) => {
  it('prints no command with a hole, and every variable it passes is catalogued for its finding', async () => {
    const scenario = loadScenario(file);
    if (!scenario.ask) return;
    const uncatalogued: string[] = [];
    const result = await diagnose(new SnapshotReader(scenario, file), scenario.ask, {
      explain: (draft, context) => {
        const known = knownVariables(draft.id);
        for (const name of Object.keys({ ...context.vars, ...draft.vars })) {
          if (!known.has(name)) uncatalogued.push(`${draft.id}: ${name}`);
        }
        return applyPlaybook(draft, { playbooks, ...context });
      },
    });
    if (!result.ok) throw new Error(result.error);
    const findings: Finding[] = result.diagnosis.findings;
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.explanation).not.toBe('');
      for (const step of finding.nextSteps) expect(step.command ?? '').not.toMatch(/<[A-Za-z]+>/);
    }
    // A new detector variable belongs in src/core/playbooks/template-variables.ts and docs/playbooks.md.
    expect(uncatalogued).toEqual([]);
  });
});
