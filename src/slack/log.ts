import type { Logger as BoltLogger } from '@slack/bolt';
import { redactText } from '../core/redaction/redact-text.ts';

/**
 * One JSON object per line (CloudWatch and any log shipper index the fields). Fields are ids,
 * names and numbers: never a token, never a message body or alert text, which can hold secrets.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

export function jsonLinesLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  return {
    log(level, msg, fields = {}) {
      const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
      write(`${JSON.stringify({ level, msg, ...defined, time: new Date().toISOString() })}\n`);
    },
  };
}

export const silentLogger: Logger = { log() {} };

/**
 * An error as one line for a log or a user: the message only (a stack trace helps nobody in a
 * channel), secrets masked, clipped so a huge API body cannot flood either.
 */
export function errorText(error: unknown, max = 300): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = redactText(raw.split('\n')[0] ?? '').trim() || 'unknown error';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Bolt and the Web API client log through this, so their lines are JSON too. Their debug
 * output includes request bodies (message text), so it is dropped.
 */
export function boltLogger(logger: Logger, name = 'bolt'): BoltLogger {
  let level = 'info';
  const emit = (lvl: LogLevel) => (...parts: unknown[]) => {
    if (lvl === 'debug') return;
    logger.log(lvl, parts.map((part) => (part instanceof Error ? errorText(part) : typeof part === 'string' ? part : errorText(part))).join(' '), { source: name });
  };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level as ReturnType<BoltLogger['getLevel']>,
    setName: (next) => {
      name = next;
    },
  };
}
