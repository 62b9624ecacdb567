import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDING_IDS } from '../../src/core/findings/finding-ids.ts';
import { DETECTOR_VARIABLES, SUBJECT_VARIABLES } from '../../src/core/playbooks/template-variables.ts';
import { checkPlaybooks } from '../../src/playbooks/load-playbooks.ts';

const doc = readFileSync(new URL('../../docs/playbooks.md', import.meta.url), 'utf8');

/** The text of every "### ..." section whose heading names the id (a shared section counts for each id it names). */
function sectionsFor(id: string): string {
  return doc
    .split(/^### /m)
    .slice(1)
    .filter((section) => (section.split('\n')[0] ?? '').includes(`\`${id}\``))
    .join('\n');
}

describe('docs/playbooks.md', () => {
  it('documents every subject variable', () => {
    for (const name of SUBJECT_VARIABLES) expect(doc).toContain(`| \`{{${name}}}\` |`);
  });

  it.each(FINDING_IDS)('documents the variables of %s', (id) => {
    const section = sectionsFor(id);
    expect(section, `no "### \`${id}\`" section`).not.toBe('');
    const missing = DETECTOR_VARIABLES[id].filter((name) => !section.includes(`{{${name}}}`));
    expect(missing).toEqual([]);
  });
});

describe('the override examples in docs/playbooks.md', () => {
  const examples = [...doc.matchAll(/```yaml\n# our-playbooks\/(\S+?):.*\n([\s\S]*?)```/g)];

  it('are there', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((match) => [match[1]!, match[2]!]))('%s loads cleanly over the built-ins', (file, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-why-doc-'));
    try {
      writeFileSync(join(dir, file), text);
      expect(checkPlaybooks(dir)).toEqual({ errors: [], warnings: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
