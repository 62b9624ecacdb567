/**
 * The part of Slack's Block Kit that k8s-why sends, typed here rather than pulled in from
 * @slack/types: the renderers stay dependency-free and the shapes they emit are one page.
 * https://api.slack.com/reference/block-kit/blocks
 */
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** true: Slack does not turn bare URLs and channel names into links. */
  verbatim?: boolean;
}

export type TextObject = PlainText | Mrkdwn;

export interface HeaderBlock {
  type: 'header';
  text: PlainText;
  block_id?: string;
}

export interface SectionBlock {
  type: 'section';
  text?: TextObject;
  fields?: TextObject[];
  block_id?: string;
}

export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}

export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
  block_id?: string;
}

export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value?: string;
  url?: string;
  style?: 'primary' | 'danger';
}

export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
  block_id?: string;
}

export type Block = HeaderBlock | SectionBlock | DividerBlock | ContextBlock | ActionsBlock;

/** What chat.postMessage takes: `text` is the notification and screen-reader fallback. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text };
}

export function plainText(text: string): PlainText {
  return { type: 'plain_text', text, emoji: true };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}

export const DIVIDER: DividerBlock = { type: 'divider' };
