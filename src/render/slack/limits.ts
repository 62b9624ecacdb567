import type { ActionsBlock, Block, ContextBlock, HeaderBlock, SectionBlock, SlackMessage, TextObject } from './block-kit.ts';
import { isHighSurrogate } from './mrkdwn.ts';

/**
 * Slack rejects a whole message (invalid_blocks) when one limit is broken, and an incident
 * answer is exactly the message that must not bounce. These are the documented limits
 * (https://api.slack.com/reference/block-kit/blocks). Lengths are counted in UTF-16 code units,
 * which is never fewer than the characters Slack counts, so a fitted message is always inside.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  /** A text object anywhere (context elements included). */
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  /** Slack truncates the top-level text past 40,000 and advises staying under 4,000. */
  fallbackText: 4000,
} as const;

const ELLIPSIS = '…';
const FENCE = '```';

/**
 * Cuts text to `max` so that it still renders: never inside a surrogate pair, an HTML entity
 * (&amp;) or a <link|label>, preferring a line break near the end, and closing a ``` block the
 * cut left open. For plain_text only the surrogate rule applies.
 */
export function fitText(text: string, max: number, kind: TextObject['type'] = 'mrkdwn'): string {
  if (text.length <= max) return text;
  const reserve = kind === 'mrkdwn' ? `\n${FENCE}\n${ELLIPSIS}`.length : ELLIPSIS.length;
  let end = Math.max(0, max - reserve);
  if (kind === 'mrkdwn') {
    const newline = text.lastIndexOf('\n', end);
    if (newline > end * 0.8) end = newline;
    end = Math.min(end, safeCut(text, end));
  }
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  const kept = text.slice(0, end);
  if (kind !== 'mrkdwn') return `${kept}${ELLIPSIS}`;
  const openFence = kept.split(FENCE).length % 2 === 0;
  return openFence ? `${kept}\n${FENCE}\n${ELLIPSIS}` : `${kept}${kept.endsWith('\n') ? '' : '\n'}${ELLIPSIS}`;
}

/** The longest link or date token we would step back over rather than split. */
const LONGEST_TOKEN = 600;

/** Moves a cut back before an entity (&amp;) or a <link|label> that it would split. */
function safeCut(text: string, end: number): number {
  const head = text.slice(0, end);
  const amp = head.lastIndexOf('&');
  if (amp >= 0 && amp > end - '&amp;'.length && !head.slice(amp).includes(';')) end = amp;
  const open = head.lastIndexOf('<');
  if (open >= 0 && open > head.lastIndexOf('>') && open > end - LONGEST_TOKEN) end = Math.min(end, open);
  return end;
}

function fitTextObject<T extends TextObject>(object: T, max: number): T {
  return { ...object, text: fitText(object.text, max, object.type) };
}

function hasText(object: TextObject | undefined): object is TextObject {
  return object !== undefined && object.text.trim().length > 0;
}

function fitHeader(block: HeaderBlock): HeaderBlock | undefined {
  if (!hasText(block.text)) return undefined;
  return { ...block, text: fitTextObject(block.text, SLACK_LIMITS.headerText) };
}

function fitSection(block: SectionBlock): SectionBlock | undefined {
  const text = hasText(block.text) ? fitTextObject(block.text, SLACK_LIMITS.sectionText) : undefined;
  let fields = (block.fields ?? []).filter(hasText).map((field) => fitTextObject(field, SLACK_LIMITS.fieldText));
  if (fields.length > SLACK_LIMITS.sectionFields) {
    const left = fields.length - (SLACK_LIMITS.sectionFields - 1);
    fields = [...fields.slice(0, SLACK_LIMITS.sectionFields - 1), { type: 'mrkdwn', text: `${ELLIPSIS} ${left} more` }];
  }
  if (!text && fields.length === 0) return undefined;
  const fitted: SectionBlock = { type: 'section' };
  if (block.block_id) fitted.block_id = block.block_id;
  if (text) fitted.text = text;
  if (fields.length > 0) fitted.fields = fields;
  return fitted;
}

function fitContext(block: ContextBlock): ContextBlock | undefined {
  let elements = block.elements.filter(hasText).map((element) => fitTextObject(element, SLACK_LIMITS.textObject));
  if (elements.length > SLACK_LIMITS.contextElements) {
    const left = elements.length - (SLACK_LIMITS.contextElements - 1);
    elements = [...elements.slice(0, SLACK_LIMITS.contextElements - 1), { type: 'mrkdwn', text: `${ELLIPSIS} ${left} more` }];
  }
  return elements.length > 0 ? { ...block, elements } : undefined;
}

function fitActions(block: ActionsBlock): ActionsBlock | undefined {
  const elements = block.elements
    .filter((button) => hasText(button.text) && button.action_id.length > 0)
    .slice(0, SLACK_LIMITS.actionsElements)
    .map((button) => ({
      ...button,
      text: fitTextObject(button.text, SLACK_LIMITS.buttonText),
      action_id: button.action_id.slice(0, SLACK_LIMITS.actionId),
      ...(button.value !== undefined ? { value: button.value.slice(0, SLACK_LIMITS.buttonValue) } : {}),
    }))
    // A URL cut short would open the wrong page: a button whose URL is too long is dropped instead.
    .filter((button) => button.url === undefined || button.url.length <= SLACK_LIMITS.buttonUrl);
  return elements.length > 0 ? { ...block, elements } : undefined;
}

function fitBlock(block: Block): Block | undefined {
  const fitted = ((): Block | undefined => {
    switch (block.type) {
      case 'header':
        return fitHeader(block);
      case 'section':
        return fitSection(block);
      case 'context':
        return fitContext(block);
      case 'actions':
        return fitActions(block);
      case 'divider':
        return block;
    }
  })();
  if (fitted?.block_id !== undefined && fitted.block_id.length > SLACK_LIMITS.blockId) {
    return { ...fitted, block_id: fitted.block_id.slice(0, SLACK_LIMITS.blockId) };
  }
  return fitted;
}

/**
 * Too many blocks: keep the head (the verdict and the evidence come first) and the tail (the
 * context line and any action buttons), and say how many blocks in between were left out.
 */
function fitBlockCount(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  let tail = 0;
  while (tail < 2 && tail < blocks.length && ['context', 'actions'].includes(blocks[blocks.length - 1 - tail]!.type)) tail += 1;
  const head = Math.max(0, max - tail - 1);
  const left = blocks.length - head - tail;
  const note: ContextBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `${ELLIPSIS} ${left} more blocks left out to stay within Slack's limits` }] };
  return [...blocks.slice(0, head), note, ...blocks.slice(blocks.length - tail)];
}

/** Dividers at the edges or next to each other draw empty lines: a cut can leave them behind. */
function tidyDividers(blocks: Block[]): Block[] {
  return blocks.filter(
    (block, index) =>
      block.type !== 'divider' || (index > 0 && index < blocks.length - 1 && blocks[index - 1]!.type !== 'divider'),
  );
}

/**
 * The last step of every Block Kit rendering: whatever the content (2000-line logs, 80
 * evidence items, 5000-character messages), the result fits every limit above. Renderers
 * budget their content first so this rarely cuts; it is the guarantee, not the layout.
 */
export function fitSlackLimits(message: SlackMessage, options: { maxBlocks?: number } = {}): SlackMessage {
  const max = Math.min(options.maxBlocks ?? SLACK_LIMITS.blocksPerMessage, SLACK_LIMITS.blocksPerMessage);
  const fitted = message.blocks.map(fitBlock).filter((block): block is Block => block !== undefined);
  const blocks = fitBlockCount(tidyDividers(fitted), max);
  const header = blocks.find((block): block is HeaderBlock => block.type === 'header');
  const text = message.text.trim() ? message.text : (header?.text.text ?? 'k8s-why');
  return { text: fitText(text, SLACK_LIMITS.fallbackText), blocks };
}
