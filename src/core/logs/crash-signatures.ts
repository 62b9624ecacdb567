// How each runtime writes the error that killed a process, as data: where a block starts,
// which lines continue it, and how to say it in one line. Order does not matter: the scanner
// takes the signature that starts earliest in the log.

export interface CrashSignature {
  kind: 'go-panic' | 'go-fatal' | 'java' | 'python' | 'node' | 'rust-panic' | 'dotnet';
  /** How a title says it: "stork panics: ...", "api throws ...". */
  verb: string;
  starts(lines: readonly string[], at: number): boolean;
  /** Whether a line after the start still belongs to the block (blank lines are judged by what follows). */
  continues(line: string): boolean;
  /** Lines right after the first that always belong to it, whatever they look like. */
  followingLines?(first: string): number;
  /** Stack frames: the lines a long block can drop first. */
  isFrame(line: string): boolean;
  /** Python prints the innermost call last, the others first. */
  innermostFrame: 'first' | 'last';
  summarize(block: readonly string[]): { summary: string; location?: string };
}

const GO_FRAME_FILE = /^\t(\S+\.go):(\d+)/;
const GO_CONTINUES = [
  /^\[signal /,
  /^goroutine \d+ \[/,
  /^\t/,
  /^[\w./*()\-~%]+\(.*\)$/,
  /^created by /,
  /^panic: /,
  /^\s+panic: /,
  /^\[recovered\]/,
  /^exit status \d+$/,
];

const JAVA_THROWABLE =
  /^(?:Exception in thread "[^"]*" )?((?:[a-zA-Z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable)[\w$]*)(?::\s?(.*))?$/;
const JAVA_FRAME = /^\s+at \S/;
const JAVA_CAUSE = /^\s*(?:Caused by|Suppressed): ((?:[a-zA-Z_$][\w$]*\.)*[A-Z][\w$]*)(?::\s?(.*))?$/;

const NODE_ERROR = /^(?:Uncaught )?((?:[A-Z]\w*)?Error|AbortError|SystemError)(?: \[[A-Z_\d]+\])?: (.+)$/;
const NODE_FRAME = /^\s+at \S/;
const NODE_FRAME_FILE = /\(?((?:\/|file:\/\/)[^():\s]+):(\d+):\d+\)?$/;

const DOTNET_START = /^Unhandled [eE]xception[.:]\s+((?:[\w]+\.)+\w*Exception\w*): ?(.*)$/;

/** Shortens a long message for a one-line title. */
export function clip(text: string, max = 160): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

function basename(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

function nextNonBlank(lines: readonly string[], at: number): string | undefined {
  for (let i = at; i < lines.length && i < at + 6; i += 1) if (lines[i]!.trim()) return lines[i];
  return undefined;
}

function goSummary(block: readonly string[], prefix: RegExp) {
  const message = (block[0] ?? '').replace(prefix, '').replace(/\s*\[recovered\]$/, '');
  const summary = message
    .replace(/^runtime error: /, '')
    .replace('invalid memory address or nil pointer dereference', 'nil pointer dereference');
  // The first frame outside the Go runtime is where the program went wrong.
  const frame = block
    .map((line) => GO_FRAME_FILE.exec(line))
    .find((match) => match && !/\/src\/runtime\/|\/runtime\/panic\.go/.test(match[1]!));
  return { summary: clip(summary), location: frame ? `${basename(frame[1]!)}:${frame[2]}` : undefined };
}

function simpleClass(name: string): string {
  return name.split('.').pop() ?? name;
}

export const CRASH_SIGNATURES: readonly CrashSignature[] = [
  {
    kind: 'go-panic',
    verb: 'panics',
    starts: (lines, at) => /^panic: /.test(lines[at]!),
    continues: (line) => GO_CONTINUES.some((pattern) => pattern.test(line)),
    isFrame: (line) => /^\t/.test(line) || /^[\w./*()\-~%]+\(.*\)$/.test(line),
    innermostFrame: 'first',
    summarize: (block) => goSummary(block, /^panic: /),
  },
  {
    kind: 'go-fatal',
    verb: 'crashes',
    starts: (lines, at) => /^fatal error: /.test(lines[at]!),
    continues: (line) => GO_CONTINUES.some((pattern) => pattern.test(line)) || /^(runtime|goroutine|\[)/.test(line),
    isFrame: (line) => /^\t/.test(line) || /^[\w./*()\-~%]+\(.*\)$/.test(line),
    innermostFrame: 'first',
    summarize: (block) => goSummary(block, /^fatal error: /),
  },
  {
    kind: 'java',
    verb: 'throws',
    starts: (lines, at) => {
      const line = lines[at]!;
      const match = JAVA_THROWABLE.exec(line);
      if (!match) return false;
      if (line.startsWith('Exception in thread')) return true;
      const next = nextNonBlank(lines, at + 1);
      return next !== undefined && (JAVA_FRAME.test(next) || JAVA_CAUSE.test(next));
    },
    continues: (line) => JAVA_FRAME.test(line) || JAVA_CAUSE.test(line) || /^\s*\.\.\. \d+ (more|common frames omitted)/.test(line),
    isFrame: (line) => JAVA_FRAME.test(line) || /^\s*\.\.\. \d+ /.test(line),
    innermostFrame: 'first',
    summarize: (block) => {
      const head = JAVA_THROWABLE.exec(block[0] ?? '');
      const headText = `${simpleClass(head?.[1] ?? 'Exception')}${head?.[2] ? `: ${clip(head[2], 80)}` : ''}`;
      const causes = block.map((line, index) => ({ index, match: /^\s*Caused by: /.test(line) ? JAVA_CAUSE.exec(line) : null })).filter((c) => c.match);
      const root = causes[causes.length - 1];
      const rootAt = root ? root.index : -1;
      const describe = (m: RegExpExecArray, max = 80) => `${simpleClass(m[1]!)}${m[2] ? `: ${clip(m[2], max)}` : ''}`;
      let cause = root ? describe(root.match!) : '';
      // "ConnectException: Connection refused" says less than the cause above it, which names the host.
      const previous = causes[causes.length - 2];
      if (root && previous && (root.match![2] ?? '').length < 40) cause = `${describe(previous.match!, 60)} (${cause})`;
      // With a cause chain the outer exception is mostly framework wrapping: its class is enough.
      const summary = root ? `${simpleClass(head?.[1] ?? 'Exception')}, caused by ${cause}` : headText;
      // The first frame of the root cause that is not in the JDK points at the code to read.
      const frames = block.slice(Math.max(rootAt, 0)).filter((line) => JAVA_FRAME.test(line));
      const frame = frames.find((line) => !/at (java|javax|jdk|sun|com\.sun)\./.test(line)) ?? frames[0];
      const file = frame ? /\(([^():]+\.(?:java|kt|scala|groovy)):(\d+)\)/.exec(frame) : null;
      return { summary: clip(summary, 200), location: file ? `${file[1]}:${file[2]}` : undefined };
    },
  },
  {
    kind: 'python',
    verb: 'raises',
    starts: (lines, at) => /^Traceback \(most recent call last\):/.test(lines[at]!),
    // The exception line itself is not indented: the scanner keeps one unindented line after frames.
    continues: (line) =>
      /^\s+\S/.test(line) ||
      /^Traceback \(most recent call last\):/.test(line) ||
      /^(During handling of the above exception|The above exception was the direct cause)/.test(line),
    isFrame: (line) => /^\s+\S/.test(line),
    innermostFrame: 'last',
    summarize: (block) => {
      const exception = [...block].reverse().find((line) => /^[A-Za-z_][\w.]*(?::|$)/.test(line) && !/^Traceback|^During|^The above/.test(line));
      const files = block.map((line) => /^\s+File "([^"]+)", line (\d+)/.exec(line)).filter(Boolean);
      const last = files[files.length - 1];
      return { summary: clip(exception ?? block[0] ?? ''), location: last ? `${basename(last[1]!)}:${last[2]}` : undefined };
    },
  },
  {
    kind: 'node',
    verb: 'throws',
    starts: (lines, at) => {
      const line = lines[at]!;
      if (/UnhandledPromiseRejection|ERR_UNHANDLED_REJECTION/.test(line)) return true;
      if (!NODE_ERROR.test(line)) return false;
      for (let i = at + 1; i < lines.length && i < at + 8; i += 1) {
        if (NODE_FRAME.test(lines[i]!)) return true;
        if (!/^(Require stack:|- \S|\s*$)/.test(lines[i]!)) return false;
      }
      return false;
    },
    continues: (line) =>
      NODE_FRAME.test(line) ||
      /^(Require stack:|- \S|Node\.js v\d)/.test(line) ||
      /^\s*[{}\]]\s*$/.test(line) ||
      /^\s+[\w$]+: /.test(line),
    isFrame: (line) => NODE_FRAME.test(line),
    innermostFrame: 'first',
    summarize: (block) => {
      const first = block[0] ?? '';
      const reason = /The promise rejected with the reason "(.*)"\./.exec(first)?.[1] ?? /UnhandledPromiseRejectionWarning: (.*)$/.exec(first)?.[1];
      const summary = reason ? `unhandled promise rejection: ${reason}` : first.replace(/^Uncaught /, '');
      const frame = block
        .filter((line) => NODE_FRAME.test(line) && !/node:internal|node_modules|internal\//.test(line))
        .map((line) => NODE_FRAME_FILE.exec(line))
        .find(Boolean);
      return { summary: clip(summary), location: frame ? `${basename(frame[1]!)}:${frame[2]}` : undefined };
    },
  },
  {
    // V8 gives up on its heap before the container limit is reached: "Reached heap limit" or
    // "Ineffective mark-compacts near heap limit", then a native stack (SIGABRT, or SIGSEGV).
    kind: 'node',
    verb: 'crashes',
    starts: (lines, at) => /^FATAL ERROR: .*JavaScript heap out of memory/.test(lines[at]!),
    continues: (line) => /^\s*\d+: 0x[0-9a-f]+/.test(line) || /^-{3,} /.test(line),
    isFrame: (line) => /^\s*\d+: 0x[0-9a-f]+/.test(line),
    innermostFrame: 'first',
    summarize: (block) => ({ summary: clip((block[0] ?? '').replace(/^FATAL ERROR: /, '')) }),
  },
  {
    kind: 'rust-panic',
    verb: 'panics',
    starts: (lines, at) => /^thread '[^']*' panicked at /.test(lines[at]!),
    // Since Rust 1.73 the message is on the line after "panicked at src/main.rs:10:5:".
    followingLines: (first) => (/:\d+:\d+:$/.test(first) ? 1 : 0),
    continues: (line) => /^(note: |stack backtrace:|\s+\d+: |\s+at )/.test(line),
    isFrame: (line) => /^\s+(\d+: |at )/.test(line),
    innermostFrame: 'first',
    summarize: (block) => {
      // Before Rust 1.73: "panicked at 'msg', src/main.rs:10:5"; since: "panicked at src/main.rs:10:5:\nmsg".
      const old = /panicked at '(.*)', (\S+?):(\d+)(?::\d+)?$/.exec(block[0] ?? '');
      if (old) return { summary: clip(old[1]!), location: `${basename(old[2]!)}:${old[3]}` };
      const place = /panicked at (\S+?):(\d+)(?::\d+)?:?$/.exec(block[0] ?? '');
      return { summary: clip(block[1] ?? 'panic'), location: place ? `${basename(place[1]!)}:${place[2]}` : undefined };
    },
  },
  {
    kind: 'dotnet',
    verb: 'throws',
    starts: (lines, at) => DOTNET_START.test(lines[at]!),
    continues: (line) => /^\s+at /.test(line) || /^\s*---> /.test(line) || /^\s*--- End of /.test(line),
    isFrame: (line) => /^\s+at /.test(line),
    innermostFrame: 'first',
    summarize: (block) => {
      const head = DOTNET_START.exec(block[0] ?? '');
      const frame = block.map((line) => / in (.+):line (\d+)$/.exec(line)).find(Boolean);
      return {
        summary: clip(`${simpleClass(head?.[1] ?? 'Exception')}: ${head?.[2] ?? ''}`),
        location: frame ? `${basename(frame[1]!)}:${frame[2]}` : undefined,
      };
    },
  },
];

/** The continuation rule shared by every signature: a blank line belongs to the block when the block goes on after it. */
export function blockEnd(lines: readonly string[], start: number, signature: CrashSignature): number {
  let end = Math.min(lines.length, start + 1 + (signature.followingLines?.(lines[start]!) ?? 0));
  let exceptionSeen = false;
  for (let i = end; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    if (signature.kind === 'python') {
      // The one unindented line after the frames is the exception; after it only its indented
      // continuation or a chained traceback ("During handling of the above exception") follows.
      const chained = /^(Traceback \(most recent call last\):|During handling of the above exception|The above exception was the direct cause)/.test(line);
      if (chained) exceptionSeen = false;
      if (chained || /^\s+\S/.test(line) || !exceptionSeen) {
        exceptionSeen ||= !chained && !/^\s/.test(line);
        end = i + 1;
        continue;
      }
      break;
    }
    if (!signature.continues(line)) break;
    end = i + 1;
  }
  return end;
}
