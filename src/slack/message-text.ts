// Alert bots rarely put everything in `text`: Alertmanager's Slack receiver and Datadog post
// attachments (title, text, fields), PagerDuty and newer templates post blocks. The shortcut
// reads all of them, as plain text, with Slack's markup undone.

type Json = unknown;

const MAX_DEPTH = 8;

/** Every human-readable string of a Slack message, one per line, markup decoded. */
export function messageText(message: Json): string {
  const parts: string[] = [];
  collect(message, parts, 0);
  return parts.map(decodeSlackMarkup).join('\n');
}

function collect(node: Json, parts: string[], depth: number): void {
  if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, parts, depth + 1);
    return;
  }
  const record = node as Record<string, Json>;
  // Attachment fields ({ title: "pod", value: "checkout-7d9f" }) read as "pod: checkout-7d9f".
  if (typeof record.title === 'string' && typeof record.value === 'string') {
    parts.push(`${record.title}: ${record.value}`);
    return;
  }
  for (const key of ['pretext', 'title', 'text', 'fallback', 'footer']) {
    const value = record[key];
    if (typeof value === 'string') parts.push(value);
  }
  // A link element in rich text carries its label in `text` (read above) and its address in `url`.
  if (record.type === 'link' && typeof record.url === 'string') parts.push(record.url);
  for (const key of ['text', 'attachments', 'blocks', 'fields', 'elements']) {
    const value = record[key];
    if (value && typeof value === 'object') collect(value, parts, depth + 1);
  }
}

/**
 * Slack escapes &, < and >, wraps links as <url|label>, and mentions as <@U123>. The label is
 * what a person saw; the entities go back to characters so label sets like pod="x" match.
 */
export function decodeSlackMarkup(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, '$2')
    .replace(/<((?:https?|mailto):[^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
