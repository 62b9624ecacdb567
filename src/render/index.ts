// The renderers: pure functions from a Diagnosis (or triage rows) to one destination's output.
export type { TriageRow } from './triage-row.ts';
export { worstFirst, triageSummary } from './triage-row.ts';
export { humanDuration, age, ago, eventSpan } from './durations.ts';
export { renderText, type TextOptions } from './text/render-text.ts';
export { renderTriageText, type TriageTextOptions } from './text/render-triage-text.ts';
export { renderMarkdown, type MarkdownOptions } from './markdown/render-markdown.ts';
export { renderTriageMarkdown } from './markdown/render-triage-markdown.ts';
export { renderJson, toDiagnosisDocument, DIAGNOSIS_SCHEMA_VERSION, type DiagnosisDocument } from './json/diagnosis-document.ts';
export { renderTriageJson, toTriageDocument, TRIAGE_SCHEMA_VERSION, type TriageDocument } from './json/triage-document.ts';
export { renderBlocks, type BlocksOptions } from './slack/render-blocks.ts';
export { renderTriageBlocks, type TriageBlocksOptions } from './slack/render-triage-blocks.ts';
export { fitSlackLimits, fitText, SLACK_LIMITS } from './slack/limits.ts';
export type { ActionButton } from './slack/actions.ts';
export type { Block, SlackMessage } from './slack/block-kit.ts';
