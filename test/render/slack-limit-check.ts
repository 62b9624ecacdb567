/**
 * An independent check of a Block Kit message against Slack's documented limits, written
 * without reusing the renderer's constants or helpers, so a bug in fitSlackLimits cannot hide
 * itself. Returns one line per violation; an empty list means Slack would accept it.
 */
type Json = Record<string, unknown>;

const entity = /^&(amp|lt|gt);/;
/** Slack's own angle tokens we emit on purpose: links and dates. */
const token = /^<(https?:\/\/[^<>|\s]+(\|[^<>]*)?|!date\^\d+\^[^<>|]+\|[^<>]*)>/;

function checkMrkdwn(text: string, where: string, out: string[]): void {
  for (let i = 0; i < text.length; i += 1) {
    const rest = text.slice(i);
    if (text[i] === '&' && !entity.test(rest)) out.push(`${where}: unescaped & at ${i}: ${JSON.stringify(rest.slice(0, 20))}`);
    if (text[i] === '<') {
      const match = token.exec(rest);
      if (!match) out.push(`${where}: unescaped < at ${i}: ${JSON.stringify(rest.slice(0, 30))}`);
      else i += match[0].length - 1;
      continue;
    }
    if (text[i] === '>') out.push(`${where}: unescaped > at ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 1))}`);
  }
  if ((text.split('```').length - 1) % 2 !== 0) out.push(`${where}: unbalanced \`\`\` code fence`);
}

function checkText(object: unknown, max: number, where: string, out: string[], plainOnly = false): void {
  const text = object as Json | undefined;
  if (!text || typeof text.text !== 'string') {
    out.push(`${where}: missing text object`);
    return;
  }
  const value = text.text;
  if (value.trim().length === 0) out.push(`${where}: empty text`);
  if (value.length > max) out.push(`${where}: ${value.length} > ${max} characters`);
  if (!value.isWellFormed()) out.push(`${where}: split surrogate pair`);
  if (plainOnly && text.type !== 'plain_text') out.push(`${where}: must be plain_text`);
  if (text.type === 'mrkdwn') checkMrkdwn(value, where, out);
}

export function slackViolations(message: { text: string; blocks: unknown[] }): string[] {
  const out: string[] = [];
  if (message.text.trim().length === 0) out.push('fallback text is empty');
  if (message.text.length > 4000) out.push(`fallback text ${message.text.length} > 4000`);
  if (!message.text.isWellFormed()) out.push('fallback text: split surrogate pair');
  checkMrkdwn(message.text, 'fallback text', out);
  if (message.blocks.length > 50) out.push(`${message.blocks.length} blocks > 50`);
  message.blocks.forEach((raw, index) => {
    const block = raw as Json;
    const where = `block ${index} (${String(block.type)})`;
    if (typeof block.block_id === 'string' && block.block_id.length > 255) out.push(`${where}: block_id too long`);
    switch (block.type) {
      case 'header':
        checkText(block.text, 150, where, out, true);
        break;
      case 'section': {
        const fields = (block.fields as unknown[] | undefined) ?? [];
        if (block.text === undefined && fields.length === 0) out.push(`${where}: neither text nor fields`);
        if (block.text !== undefined) checkText(block.text, 3000, where, out);
        if (fields.length > 10) out.push(`${where}: ${fields.length} fields > 10`);
        fields.forEach((field, f) => checkText(field, 2000, `${where} field ${f}`, out));
        break;
      }
      case 'context': {
        const elements = (block.elements as unknown[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > 10) out.push(`${where}: ${elements.length} elements (1..10)`);
        elements.forEach((element, e) => checkText(element, 3000, `${where} element ${e}`, out));
        break;
      }
      case 'actions': {
        const elements = (block.elements as Json[] | undefined) ?? [];
        if (elements.length === 0 || elements.length > 25) out.push(`${where}: ${elements.length} elements (1..25)`);
        elements.forEach((button, b) => {
          checkText(button.text, 75, `${where} button ${b}`, out, true);
          if (typeof button.action_id !== 'string' || button.action_id.length > 255) out.push(`${where} button ${b}: action_id`);
          if (typeof button.value === 'string' && button.value.length > 2000) out.push(`${where} button ${b}: value too long`);
          if (typeof button.url === 'string' && button.url.length > 3000) out.push(`${where} button ${b}: url too long`);
        });
        break;
      }
      case 'divider':
        break;
      default:
        out.push(`${where}: unexpected block type`);
    }
  });
  return out;
}

/** Every mrkdwn and plain text in a message, for assertions about what a reader sees. */
export function allText(message: { text: string; blocks: unknown[] }): string {
  return JSON.stringify(message.blocks)
    .match(/"text":"((?:[^"\\]|\\.)*)"/g)!
    .map((m) => JSON.parse(m.slice('"text":'.length)) as string)
    .join('\n');
}
