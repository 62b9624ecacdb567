import type { Diagnosis } from '../core/diagnosis.ts';
import { renderJson } from '../render/json/diagnosis-document.ts';
import { renderTriageJson } from '../render/json/triage-document.ts';
import { renderMarkdown } from '../render/markdown/render-markdown.ts';
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

export function renderDiagnosis(diagnosis: Diagnosis, format: Format, presentation: Presentation): string {
  switch (format) {
    case 'text':
      return renderText(diagnosis, { color: presentation.color, width: presentation.width, invocation: presentation.invocation });
    case 'markdown':
      return renderMarkdown(diagnosis);
    case 'json':
      return `${renderJson(diagnosis)}\n`;
    case 'blocks':
      return `${JSON.stringify(renderBlocksPending(diagnosis), null, 2)}\n`;
  }
}

export function renderTriage(rows: TriageRow[], format: Format, presentation: Presentation): string {
  switch (format) {
    case 'json':
      return `${renderTriageJson(rows)}\n`;
    default:
      return renderTriageText(rows, { color: format === 'text' && presentation.color });
  }
}

function renderBlocksPending(diagnosis: Diagnosis) {
  return { text: diagnosis.findings[0]?.title ?? diagnosis.target, blocks: [] };
}
