/**
 * Slack mrkdwn from untrusted text. Slack parses &, < and > as control characters (links,
 * mentions, @channel), so a log line with "<!channel>" would ping a whole channel unless
 * escaped. Everything from the cluster passes through escapeMrkdwn; only our own links do not.
 * https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts raw text (before escaping, so no entity is split) to a length, marking the cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end)}…`;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** `name`: Slack has no way to escape a backtick inside inline code, so one becomes ˋ. */
export function inlineCode(text: string): string {
  return `\`${escapeMrkdwn(text.replace(/`/g, 'ˋ').replace(/\r?\n/g, ' '))}\``;
}

/**
 * A ``` block. A "```" inside the content would close it early, so its backticks are split
 * by zero-width spaces; what a person copies still reads the same.
 */
export function codeBlock(lines: readonly string[]): string {
  const body = lines.map((line) => escapeMrkdwn(line.replace(/```/g, '`\u200b`\u200b`'))).join('\n');
  return `\`\`\`\n${body}\n\`\`\``;
}

/** <url|label>. A "|" or ">" in the URL would end the link early, so they are percent-encoded. */
export function link(url: string, label?: string): string {
  const target = escapeMrkdwn(url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C'));
  return label ? `<${target}|${escapeMrkdwn(label.replace(/\|/g, '¦'))}>` : `<${target}>`;
}

/** Slack shows this in each reader's own time zone, with the ISO time as the fallback. */
export function slackDate(iso: string): string | undefined {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return `<!date^${Math.floor(time / 1000)}^{date_short_pretty} {time}|${escapeMrkdwn(iso)}>`;
}
