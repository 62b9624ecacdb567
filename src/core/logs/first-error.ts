import { blockEnd, clip, CRASH_SIGNATURES, type CrashSignature } from './crash-signatures.ts';

/**
 * The error worth reading first in a container's output. A process logs recoverable errors all
 * the time, so a crash signature (a panic, an uncaught exception, a traceback) wins wherever it
 * is; then the first fatal-level line; then the first error-level line. Among equals the first
 * one wins, because later errors are usually the consequences of the first.
 */
export interface FirstError {
  kind: CrashSignature['kind'] | 'fatal' | 'error';
  /** Index of the block's first line, and of the line after its last. */
  start: number;
  end: number;
  /** The error itself in one line: "nil pointer dereference", "KeyError: 'DATABASE_URL'". */
  summary: string;
  /** Where the trace says it happened: "portworx.go:100", "main.py:12". */
  location?: string;
  /** How a title says it: "panics", "throws", "raises", "logs". */
  verb: string;
  /** A crash signature or a fatal-level line, as opposed to an error-level line. */
  fatal: boolean;
  /** Indices (within the whole log) worth keeping when the block is too long to show whole. */
  keep: number[];
}

// Log levels as the common formats write them: klog ("F0317 22:37:40.137524 1 file.go:12] msg"),
// logfmt (level=fatal), JSON ("level":"error"), bracketed or bare upper-case levels, nginx
// ("[emerg]"), and tools that print "fatal: ..." / "Error: ...".
const KLOG = /^([EF])\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ ([^\]\s]+)\] (.*)$/;
const FATAL_LINE = [
  /\blevel=(?:fatal|panic|crit(?:ical)?|emerg|alert)\b/i,
  /"(?:level|severity|lvl|log\.level)"\s*:\s*"(?:fatal|panic|critical|crit|emerg(?:ency)?|alert)"/i,
  /(?:^|[\s[|(])(?:FATAL|PANIC|CRITICAL|EMERG|ALERT)(?:[\]\s|:)]|$)/,
  /\[(?:emerg|alert|crit)\]/,
  /^(?:fatal|Fatal)[:!] /,
];
const ERROR_LINE = [
  /\blevel=(?:error|err)\b/i,
  /"(?:level|severity|lvl|log\.level)"\s*:\s*"(?:error|err)"/i,
  /(?:^|[\s[|(])(?:ERROR|ERR|SEVERE)(?:[\]\s|:)]|$)/,
  /\[error\]/,
  /^(?:Error|error)[:!] /,
  /\bexit status \d+\b/,
  /^[\w.-]+: error: /,
];

export function findFirstError(lines: readonly string[]): FirstError | undefined {
  return findCrash(lines) ?? findLevelLine(lines, true) ?? findLevelLine(lines, false);
}

function findCrash(lines: readonly string[]): FirstError | undefined {
  for (let at = 0; at < lines.length; at += 1) {
    for (const signature of CRASH_SIGNATURES) {
      if (!signature.starts(lines, at)) continue;
      const start = includeNodeSourceLine(lines, at, signature);
      const end = blockEnd(lines, at, signature);
      const { summary, location } = signature.summarize(lines.slice(at, end));
      return {
        kind: signature.kind,
        start,
        end,
        summary,
        location,
        verb: signature.verb,
        fatal: true,
        keep: linesToKeep(lines, start, end, signature),
      };
    }
  }
  return undefined;
}

/** Node prints the throwing source line above the error ("/app/server.js:12", code, caret): part of the block. */
function includeNodeSourceLine(lines: readonly string[], at: number, signature: CrashSignature): number {
  if (signature.kind !== 'node') return at;
  for (let i = at - 1; i >= 0 && i >= at - 5; i -= 1) {
    if (/^(?:\/|file:\/\/|node:|[A-Za-z]:\\).*:\d+$/.test(lines[i]!)) return i;
  }
  return at;
}

/** Headers and causes always; frames only next to the innermost call, which is where the bug is. */
function linesToKeep(lines: readonly string[], start: number, end: number, signature: CrashSignature): number[] {
  const keep: number[] = [];
  let run: number[] = [];
  const flush = () => {
    keep.push(...(signature.innermostFrame === 'first' ? run.slice(0, 4) : run.slice(-4)));
    run = [];
  };
  for (let i = start; i < end; i += 1) {
    const line = lines[i]!;
    if (signature.isFrame(line)) run.push(i);
    else {
      flush();
      if (line.trim()) keep.push(i);
    }
  }
  flush();
  return keep.sort((a, b) => a - b);
}

function findLevelLine(lines: readonly string[], fatal: boolean): FirstError | undefined {
  const patterns = fatal ? FATAL_LINE : ERROR_LINE;
  for (let at = 0; at < lines.length; at += 1) {
    const line = lines[at]!;
    const klog = KLOG.exec(line);
    const matches = klog ? (klog[1] === 'F') === fatal : patterns.some((pattern) => pattern.test(line));
    if (!matches) continue;
    return {
      kind: fatal ? 'fatal' : 'error',
      start: at,
      end: at + 1,
      summary: summarizeLine(line),
      location: klog?.[2],
      verb: 'logs',
      fatal,
      keep: [at],
    };
  }
  return undefined;
}

/** Long enough to keep the cause at the end of a structured message; titles clip further. */
const SUMMARY_MAX = 200;

/**
 * One log line without its timestamp and level, or a structured line's message and error
 * fields: what a title can quote.
 */
export function summarizeLine(line: string): string {
  const trimmed = line.trim();
  const klog = KLOG.exec(trimmed);
  if (klog) return clip(klog[3]!, SUMMARY_MAX);
  if (trimmed.startsWith('{')) {
    try {
      const record = JSON.parse(trimmed) as Record<string, unknown>;
      const message = record.msg ?? record.message ?? record.MESSAGE;
      const error = record.error ?? record.err ?? record.exception;
      const parts = [message, error].filter((part): part is string => typeof part === 'string' && part.length > 0);
      if (parts.length) return clip(parts.join(': '), SUMMARY_MAX);
    } catch {
      // not JSON after all: fall through to the plain-text rules
    }
  }
  if (/\b(?:msg|message)=/.test(trimmed)) {
    const field = (name: string) => new RegExp(`\\b${name}=(?:"((?:[^"\\\\]|\\\\.)*)"|(\\S+))`).exec(trimmed);
    const message = field('msg') ?? field('message');
    const error = field('error') ?? field('err');
    const parts = [message, error].map((m) => (m ? (m[1] ?? m[2])!.replace(/\\"/g, '"') : undefined)).filter(Boolean);
    if (parts.length) return clip(parts.join(': '), SUMMARY_MAX);
  }
  const withoutPrefix = trimmed
    // ISO and common timestamps, with optional brackets: "2024-01-02T03:04:05.678Z", "[2024-01-02 03:04:05,678]"
    .replace(/^\[?\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\]?\s*/, '')
    .replace(/^\[?\d\d:\d\d:\d\d(?:[.,]\d+)?\]?\s*/, '')
    .replace(/^\[?(?:ERROR|ERR|FATAL|PANIC|CRITICAL|SEVERE|EMERG|ALERT|error|fatal)\]?:?\s+/, '');
  return clip(withoutPrefix || trimmed, SUMMARY_MAX);
}
