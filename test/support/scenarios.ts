import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diagnose } from '../../src/core/diagnose.ts';
import type { Diagnosis } from '../../src/core/diagnosis.ts';
import { parseSnapshot, type Snapshot } from '../../src/snapshot/snapshot.ts';
import { SnapshotReader } from '../../src/snapshot/snapshot-reader.ts';
import { productionOptions } from '../../src/app/diagnose-options.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../..');
export const OWN_SCENARIOS = join(REPO_ROOT, 'test/scenarios');
/** The shared real-world examples, beside the repo on every machine and in CI. */
export const SHARED_EXAMPLES = resolve(REPO_ROOT, '../shared/scenarios/examples');

export function scenarioFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

export function loadScenario(path: string): Snapshot {
  const parsed = parseSnapshot(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.problems.join('; ')}`);
  return parsed.snapshot;
}

/** Diagnoses a scenario's ask through the real snapshot reader and the production pipeline. */
export async function diagnoseScenarioFile(path: string): Promise<{ scenario: Snapshot; diagnosis: Diagnosis }> {
  const scenario = loadScenario(path);
  if (!scenario.ask) throw new Error(`${path} has no "ask"`);
  const reader = new SnapshotReader(scenario, `snapshot ${path.split('/').pop()}`);
  const app = productionOptions();
  if (!app.ok) throw new Error(app.error);
  const result = await diagnose(reader, scenario.ask, app.options);
  if (!result.ok) throw new Error(`${path}: ${result.error}`);
  return { scenario, diagnosis: result.diagnosis };
}
