import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.ts';
import { REPO_ROOT } from '../support/scenarios.ts';

// The README shows real output. Each sample names the command that prints it; every line of
// the sample (but the "…" that mark cuts) must still be a line of that command's output today.
const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const samples = [...readme.matchAll(/<!-- sample: (.+?) -->\n```text\n([\s\S]*?)\n```/g)].map((m) => ({ argv: m[1]!.split(' '), text: m[2]! }));

describe('README samples match what the program prints', () => {
  it('has samples', () => expect(samples.length).toBeGreaterThan(0));

  for (const sample of samples) {
    it(sample.argv.join(' '), async () => {
      let stdout = '';
      await runCli(sample.argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: () => true }, env: {} });
      const printed = new Set(stdout.split('\n').map((line) => line.trimEnd()));
      const missing = sample.text.split('\n').filter((line) => line.trim() !== '…' && !printed.has(line.trimEnd()));
      expect(missing).toEqual([]);
    });
  }
});
