import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { renderJson } from '../../src/render/json/diagnosis-document.ts';
import { renderMarkdown } from '../../src/render/markdown/render-markdown.ts';
import { renderBlocks } from '../../src/render/slack/render-blocks.ts';
import { renderText } from '../../src/render/text/render-text.ts';
import { diagnoseScenarioFile, OWN_SCENARIOS, SHARED_EXAMPLES, scenarioFiles } from '../support/scenarios.ts';
import { slackViolations } from './slack-limit-check.ts';

// Every scenario's real diagnosis, ours and the shared real-world ones, through every renderer:
// Slack must accept the blocks, the JSON must match its documented schema, and plain output
// must carry no escape codes. Hand-built diagnoses cannot show what the pipeline really emits.
const files = [...scenarioFiles(OWN_SCENARIOS), ...scenarioFiles(SHARED_EXAMPLES)];
const schema = z.fromJSONSchema(JSON.parse(readFileSync(new URL('../../docs/diagnosis.schema.json', import.meta.url), 'utf8')));
const buttons = [
  { text: 'Re-run', actionId: 'k8s-why.rerun', value: '{}' },
  { text: 'Full logs', actionId: 'k8s-why.logs' },
];

describe('every scenario renders within each destination’s rules', () => {
  it('has scenarios to render', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file.split('/').at(-1)!, async () => {
      const { diagnosis } = await diagnoseScenarioFile(file);
      const blocks = renderBlocks(diagnosis, { actions: buttons });
      expect(slackViolations(blocks)).toEqual([]);
      expect(blocks.blocks.at(-1)?.type).toBe('actions');

      const json = schema.safeParse(JSON.parse(renderJson(diagnosis)));
      expect(json.success ? [] : json.error.issues).toEqual([]);

      expect(renderText(diagnosis, { color: false })).not.toContain('\u001b');
      expect(renderMarkdown(diagnosis).length).toBeGreaterThan(0);
    });
  }
});
