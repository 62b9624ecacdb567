import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { loadScenario, OWN_SCENARIOS, SHARED_EXAMPLES, scenarioFiles } from '../support/scenarios.ts';

// Every scenario, ours and the shared real-world ones, through the real CLI exactly as a person
// (or a script) runs it: `k8s-why why TARGET -n NS --snapshot FILE`. The primary finding of the
// JSON answer must be the expected one, and the text answer must mention the facts that matter
// (the limit, the missing key, the taint).
const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES)];

async function cli(argv: string[]): Promise<string> {
  let stdout = '';
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} };
  await runCli(argv, io);
  return stdout;
}

describe('scenarios through the CLI', () => {
  it('has scenarios to run, the shared examples included', () => {
    expect(scenarioFiles(SHARED_EXAMPLES).length).toBeGreaterThan(0);
    expect(files.length).toBeGreaterThan(8);
  });

  for (const file of files) {
    const name = file.split('/').slice(-1)[0]!;
    it(name, async () => {
      const { ask, expect: expected } = loadScenario(file);
      const argv = ['why', ask!.target, '-n', ask!.namespace, '--snapshot', file];
      const json = JSON.parse(await cli([...argv, '--format', 'json']));
      expect(json.findings[0]?.id, `primary finding of ${name}`).toBe(expected!.finding);
      // The footer names the snapshot file; a mention found only there would pass by accident.
      const text = (await cli(argv)).replaceAll(name, '<snapshot file>');
      for (const mention of expected!.mentions) expect(text, `answer mentions ${mention}`).toContain(mention);
    });
  }
});
