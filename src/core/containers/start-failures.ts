import { containerOfEvent, type TimelineEvent } from '../events/timeline.ts';
import type { ContainerLog } from '../facts/facts.ts';
import type { ContainerView } from '../kube/pod-status.ts';
import { logLines } from '../logs/log-lines.ts';
import { redactText } from '../redaction/redact-text.ts';
import { latestTermination, logOfEnding, statusPath } from './termination.ts';

// Why a container runtime could not start a container's process. The same failure reads
// differently per runtime and version, and lands in different places:
//   dockershim   terminated ContainerCannotRun (exit 127/126), event Failed:
//                'Error: failed to start container "x": Error response from daemon: OCI runtime create
//                failed: container_linux.go:349: starting container process caused "exec: \"x\":
//                executable file not found in $PATH": unknown'
//   containerd   terminated StartError (exit 128) or waiting RunContainerError:
//                'failed to create containerd task: failed to create shim task: OCI runtime create
//                failed: runc create failed: unable to start container process: exec: "x":
//                executable file not found in $PATH: unknown'
//   CRI-O        waiting CreateContainerError: 'container create failed: ... runc create failed:
//                unable to start container process: exec: "x": executable file not found in $PATH'
//   runc itself  once the process is set up, a failed exec is printed as the container's only output
//                and the container exits (CrashLoopBackOff): "exec /app/server: exec format error"
//                (runc >= 1.1), 'standard_init_linux.go:228: exec user process caused: exec format
//                error' (older); shells print "/bin/sh: 1: gunicorn: not found" and exit 127.

export type StartFailureCause = 'not-found' | 'permission-denied' | 'exec-format' | 'no-such-file' | 'mount' | 'working-dir' | 'no-command' | 'runtime';

export interface StartFailure {
  cause: StartFailureCause;
  /** The executable or path the message names (for a mount: where it was to be mounted). */
  path?: string;
  /** A mount's source on the node, and the error the mount got ("not a directory"). */
  source?: string;
  problem?: string;
  /** The runtime's or shell's words, redacted. */
  message: string;
  evidence: { kind: 'status' | 'event' | 'log'; source: string };
  /** The waiting or terminated reason when the status carries one: RunContainerError, StartError ... */
  reason?: string;
  exitCode?: number;
}

interface Pattern {
  cause: StartFailureCause;
  pattern: RegExp;
}

// Quotes appear bare, escaped once (\") or twice (\\\") depending on how many layers wrapped the message.
const Q = String.raw`\\*"`;
const RUNTIME_PATTERNS: readonly Pattern[] = [
  { cause: 'not-found', pattern: new RegExp(String.raw`exec:?\s*${Q}([^"\\]+)${Q}:?\s*executable file not found in \$PATH`) },
  { cause: 'no-such-file', pattern: new RegExp(String.raw`exec:?\s*${Q}([^"\\]+)${Q}:?\s*stat \S+: no such file or directory`) },
  { cause: 'permission-denied', pattern: new RegExp(String.raw`exec:?\s*${Q}([^"\\]+)${Q}:?\s*permission denied`) },
  // runc 1.1+: 'error mounting "/var/lib/lxcfs/proc/cpuinfo" to rootfs at "/proc/cpuinfo": ... not a directory';
  // older runc: 'rootfs_linux.go:58: mounting \"SRC\" to rootfs \"/var/lib/docker/overlay2/.../merged\" at \"DST\" caused \"not a directory\"'.
  { cause: 'mount', pattern: new RegExp(String.raw`error mounting ${Q}(?<source>[^"\\]+)${Q} to rootfs at ${Q}(?<target>[^"\\]+)${Q}`) },
  { cause: 'mount', pattern: new RegExp(String.raw`mounting ${Q}(?<source>[^"\\]+)${Q} to rootfs ${Q}(?<rootfs>[^"\\]*)${Q} at ${Q}(?<target>[^"\\]+)${Q}`) },
  { cause: 'working-dir', pattern: new RegExp(String.raw`chdir to cwd \(${Q}([^"\\]+)${Q}\) set in config\.json failed`) },
  // containerd: 'failed to generate container "x" spec: no command specified'; docker: "No command specified".
  { cause: 'no-command', pattern: /no command specified/i },
  ...inContainerPatterns(),
];

/** runc's own messages once inside the container; also printed as the container's only output. */
function inContainerPatterns(): Pattern[] {
  return [
    // "fork/exec /bin/x: exec format error" is the program itself failing to run a child: not ours.
    { cause: 'exec-format', pattern: /(?<![\w/])exec (\S+): exec format error/ },
    { cause: 'exec-format', pattern: /exec user process caused:?\s*\\*"?exec format error/ },
    { cause: 'no-such-file', pattern: /^exec (\S+): no such file or directory/ },
    { cause: 'no-such-file', pattern: /exec user process caused:?\s*\\*"?no such file or directory/ },
    { cause: 'permission-denied', pattern: /^exec (\S+): permission denied/ },
    { cause: 'permission-denied', pattern: /exec user process caused:?\s*\\*"?permission denied/ },
  ];
}

/** A shell that could not find or run the command it was given (exit 127 / 126). */
const SHELL_PATTERNS: readonly Pattern[] = [
  { cause: 'not-found', pattern: /^\S*(?:sh|bash):\s*(?:line \d+: |\d+: )?(?:exec: )?(\S+): (?:command )?not found$/ },
  { cause: 'permission-denied', pattern: /^\S*(?:sh|bash):\s*(?:line \d+: |\d+: )?(?:exec: )?(\S+): Permission denied$/ },
];

const START_REASONS = new Set(['RunContainerError', 'StartError', 'ContainerCannotRun']);

/** The errno a failed mount reports, after the mount's own words. */
const MOUNT_PROBLEM = /not a directory|is a directory|no such file or directory|read-only file system|permission denied|file exists|device or resource busy/i;

function recognise(message: string, patterns: readonly Pattern[]): Pick<StartFailure, 'cause' | 'path' | 'source' | 'problem'> | undefined {
  for (const { cause, pattern } of patterns) {
    const match = pattern.exec(message);
    if (!match) continue;
    if (cause !== 'mount') return { cause, path: match[1] };
    const { source, rootfs, target = '' } = match.groups ?? {};
    // Older runc names the target on the host, under the container's rootfs: keep the container's path.
    const path = rootfs && target.startsWith(rootfs) ? target.slice(rootfs.length) || '/' : target;
    const problem = MOUNT_PROBLEM.exec(message.slice(match.index + match[0].length))?.[0].toLowerCase();
    return { cause, source, path, ...(problem ? { problem } : {}) };
  }
  return undefined;
}

/**
 * The start failure of one container, from the strongest evidence there is: its status, then
 * the kubelet's Failed events, then runc's or the shell's words as the log's first lines.
 * `soleContainer` lets events without a fieldPath count when the pod has one container.
 */
export function startFailureOf(
  view: ContainerView,
  events: readonly TimelineEvent[],
  logs: readonly ContainerLog[],
  soleContainer: boolean,
): StartFailure | undefined {
  const waiting = view.status?.state?.waiting;
  if (waiting?.message && (START_REASONS.has(waiting.reason ?? '') || waiting.reason === 'CreateContainerError')) {
    const known = recognise(waiting.message, RUNTIME_PATTERNS);
    // CreateContainerError has many other causes; only the exec failures CRI-O reports there are ours.
    if (known || waiting.reason !== 'CreateContainerError') {
      return {
        cause: 'runtime',
        ...known,
        message: redactText(waiting.message),
        evidence: { kind: 'status', source: `${statusPath(view)}.state.waiting` },
        reason: waiting.reason,
      };
    }
  }

  const ending = latestTermination(view);
  const ended = ending?.terminated;
  if (ended && START_REASONS.has(ended.reason ?? '')) {
    const known = ended.message ? recognise(ended.message, RUNTIME_PATTERNS) : undefined;
    return {
      cause: 'runtime',
      ...known,
      message: redactText(ended.message ?? `${ended.reason} with exit code ${ended.exitCode}`),
      evidence: { kind: 'status', source: ending.path },
      reason: ended.reason,
      exitCode: ended.exitCode,
    };
  }

  const failed = [...events].reverse().find((event) => {
    if (event.reason !== 'Failed') return false;
    const about = containerOfEvent(event);
    if (about ? about !== view.name : !soleContainer) return false;
    return recognise(event.message, RUNTIME_PATTERNS) !== undefined;
  });
  if (failed) {
    const known = recognise(failed.message, RUNTIME_PATTERNS)!;
    return {
      ...known,
      message: redactText(failed.message),
      evidence: { kind: 'event', source: `event Failed x${failed.count}${failed.lastSeen ? `, last ${failed.lastSeen}` : ''}` },
      reason: waiting?.reason,
      exitCode: ended?.exitCode,
    };
  }

  // runc and shells print these as the very first output, before the program itself says anything.
  if (ended && ended.exitCode !== 0) {
    const log = logOfEnding(view, ending, logs);
    const head = log ? logLines(log.text).filter((line) => line.trim()).slice(0, 3) : [];
    for (const line of head) {
      const known =
        recognise(line, inContainerPatterns()) ?? ([126, 127].includes(ended.exitCode) ? recognise(line, SHELL_PATTERNS) : undefined);
      if (!known) continue;
      return {
        ...known,
        message: redactText(line.trim()),
        evidence: { kind: 'log', source: `log ${view.name} (${log!.previous ? 'previous' : 'current'})` },
        reason: ended.reason,
        exitCode: ended.exitCode,
      };
    }
  }
  return undefined;
}

/** One clause for a title: what is wrong with the command, in a person's words. */
export function describeStartFailure(failure: StartFailure, nodeArch?: string): string {
  const path = failure.path ? `"${failure.path}"` : 'the command';
  switch (failure.cause) {
    case 'not-found':
      return `command ${path} not found in the image ($PATH)`;
    case 'permission-denied':
      return `${path} is not executable (permission denied)`;
    case 'exec-format':
      return `${path} is built for another CPU architecture (exec format error${nodeArch ? `; the node is ${nodeArch}` : ''})`;
    case 'no-such-file':
      return `${path} does not exist, or its interpreter does not (no such file or directory)`;
    case 'mount':
      return `${failure.source ? `"${failure.source}"` : 'a volume'} cannot be mounted at ${path}${failure.problem ? `: ${failure.problem}` : ''}`;
    case 'working-dir':
      return `its working directory ${path} cannot be entered`;
    case 'no-command':
      return 'there is no command to run: the image has no ENTRYPOINT or CMD and the pod spec sets no command';
    default:
      return `the runtime refused to start it: ${failure.message.length > 120 ? `${failure.message.slice(0, 119)}…` : failure.message}`;
  }
}
