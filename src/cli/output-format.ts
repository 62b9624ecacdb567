import type { Diagnosis } from '../core/diagnosis.ts';
import { renderJson } from '../render/json/diagnosis-document.ts';
import { renderTriageJson } from '../render/json/triage-document.ts';
import { renderMarkdown } from '../render/markdown/render-markdown.ts';
import { renderTriageMarkdown } from '../render/markdown/render-triage-markdown.ts';
import { renderBlocks } from '../render/slack/render-blocks.ts';
import { renderTriageBlocks } from '../render/slack/render-triage-blocks.ts';
import { renderText } from '../render/text/render-text.ts';
import { renderTriageText } from '../render/text/render-triage-text.ts';
import type { TriageRow } from '../render/triage-row.ts';

export const FORMATS = ['text', 'markdown', 'json', 'blocks'] as const;
export type Format = (typeof FORMATS)[number];

export interface Presentation {
  color: boolean;
  width?: number;
  invocation: string;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

export function renderDiagnosis(diagnosis: Diagnosis, format: Format, presentation: Presentation): string {
  switch (format) {
    case 'text':
      return renderText(diagnosis, { color: presentation.color, width: presentation.width, invocation: presentation.invocation });
    case 'markdown':
      return withNewline(renderMarkdown(diagnosis, { invocation: presentation.invocation }));
    case 'json':
      return withNewline(renderJson(diagnosis));
    case 'blocks':
      return withNewline(JSON.stringify(renderBlocks(diagnosis, { invocation: presentation.invocation }), null, 2));
  }
}

export function renderTriage(rows: TriageRow[], format: Format, presentation: Presentation): string {
  switch (format) {
    case 'text':
      return renderTriageText(rows, { color: presentation.color, width: presentation.width });
    case 'markdown':
      return withNewline(renderTriageMarkdown(rows));
    case 'json':
      return withNewline(renderTriageJson(rows));
    case 'blocks':
      return withNewline(JSON.stringify(renderTriageBlocks(rows), null, 2));
  }
}
