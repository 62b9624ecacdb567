import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/core/detectors/registry.ts';
import { FINDING_IDS } from '../../src/core/findings/finding-ids.ts';
import { loadScenario, OWN_SCENARIOS, REPO_ROOT, scenarioFiles } from '../support/scenarios.ts';

// Every finding id of FORMAT.md has exactly one detector, a playbook and at least one scenario
// of ours that expects it: the catalogue cannot quietly lose a failure mode.
describe('finding catalogue', () => {
  it('registers exactly one detector per finding id', () => {
    expect(DETECTORS.map((d) => d.id).sort()).toEqual([...FINDING_IDS].sort());
  });

  it('orders the registry by priority band, root cause first', () => {
    const priorities = DETECTORS.map((d) => d.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
  });

  it('has a built-in playbook for every finding id', () => {
    const missing = FINDING_IDS.filter((id) => !existsSync(join(REPO_ROOT, 'playbooks', `${id}.yaml`)));
    expect(missing).toEqual([]);
  });

  it('has at least one scenario of ours expecting every finding id', () => {
    const expected = new Set(scenarioFiles(OWN_SCENARIOS).map((file) => loadScenario(file).expect?.finding));
    expect(FINDING_IDS.filter((id) => !expected.has(id))).toEqual([]);
  });

  it('has at least 40 scenarios of our own', () => {
    expect(scenarioFiles(OWN_SCENARIOS).length).toBeGreaterThanOrEqual(40);
  });
});
