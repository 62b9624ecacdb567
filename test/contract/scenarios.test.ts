import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text/render-text.ts';
import { diagnoseScenarioFile, OWN_SCENARIOS, SHARED_EXAMPLES, scenarioFiles } from '../support/scenarios.ts';

// Every scenario, ours and the shared real-world ones, through the real snapshot reader and the
// whole pipeline: the primary finding must be the expected one, and the answer a person reads
// must mention the facts that matter (the limit, the missing key, the taint).
const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES)];

describe('scenarios', () => {
  it('has scenarios to run', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const name = file.split('/').slice(-1)[0]!;
    it(name, async () => {
      const { scenario, diagnosis } = await diagnoseScenarioFile(file);
      const expected = scenario.expect!;
      expect(diagnosis.findings.map((f) => f.id)[0], `primary finding of ${name}`).toBe(expected.finding);
      const text = renderText(diagnosis, { color: false });
      for (const mention of expected.mentions) expect(text, `answer mentions ${mention}`).toContain(mention);
    });
  }
});
