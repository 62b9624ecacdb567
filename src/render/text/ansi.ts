/**
 * The few terminal styles the answer uses. Whether to colour is the caller's decision (the CLI
 * checks NO_COLOR and the TTY); with colour off every style is the identity, so plain output
 * carries no escape codes at all.
 */
export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

function style(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);
}

const COLOURED: Palette = {
  bold: style(1, 22),
  dim: style(2, 22),
  red: style(31, 39),
  yellow: style(33, 39),
  green: style(32, 39),
  cyan: style(36, 39),
};

const identity = (text: string): string => text;
const PLAIN: Palette = { bold: identity, dim: identity, red: identity, yellow: identity, green: identity, cyan: identity };

export function palette(color: boolean): Palette {
  return color ? COLOURED : PLAIN;
}

/**
 * Logs, event messages and annotations come from the cluster, i.e. from whoever controls a
 * container. Escape sequences in them could rewrite the terminal (move the cursor, hide lines,
 * set the window title), so every control character except tab is made visible before printing.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) =>
    char === '\u001b' ? '^[' : `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}
