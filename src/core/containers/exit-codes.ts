// What a container's exit code says about how its process ended. Codes above 128 are 128 plus
// the number of the signal that killed the process (the shell convention that docker, containerd
// and CRI-O all follow when they report a signalled process), so 137 is SIGKILL and 143 SIGTERM.

export interface ExitCodeMeaning {
  code: number;
  /** The signal name when the code is 128+n: "SIGKILL" for 137. */
  signal?: string;
  /** One short clause a person can read after "exit 137": "SIGKILL: killed from outside". */
  meaning: string;
}

const SIGNAL_NAMES: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  5: 'SIGTRAP',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  10: 'SIGUSR1',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  13: 'SIGPIPE',
  14: 'SIGALRM',
  15: 'SIGTERM',
};

const SIGNAL_MEANINGS: Record<string, string> = {
  SIGKILL:
    'killed with SIGKILL: by the kernel OOM killer, by the kubelet after a failed liveness probe or an expired grace period, or by hand',
  SIGTERM: 'stopped by SIGTERM: the process was asked to shut down (probe failure, deletion, rollout) and exited',
  SIGSEGV: 'segmentation fault: native code touched memory it does not own (a bug in the program or a native library)',
  SIGABRT:
    'aborted (SIGABRT): the program gave up on itself, e.g. a failed assertion, a corrupted heap, a JVM fatal error, or Node.js running out of heap',
  SIGBUS: 'bus error: a bad memory access, often a memory-mapped file that shrank or a full /dev/shm',
  SIGILL: 'illegal instruction: the binary uses CPU features this node does not have',
  SIGFPE: 'arithmetic error (e.g. integer division by zero) in native code',
  SIGINT: 'interrupted (SIGINT)',
  SIGHUP: 'hung up (SIGHUP)',
  SIGQUIT: 'quit (SIGQUIT), usually with a core dump',
  SIGPIPE: 'wrote to a closed pipe or socket (SIGPIPE)',
};

/**
 * The meaning of an exit code. `restartPolicy` matters for 0: a pod that restarts its
 * containers Always expects them to run forever, so a clean exit is itself the problem.
 */
export function exitCodeMeaning(code: number, restartPolicy?: string): ExitCodeMeaning {
  if (code > 128 && code <= 128 + 64) {
    const signal = SIGNAL_NAMES[code - 128] ?? `signal ${code - 128}`;
    return { code, signal, meaning: SIGNAL_MEANINGS[signal] ?? `killed by ${signal}` };
  }
  switch (code) {
    case 0:
      return {
        code,
        meaning:
          restartPolicy === 'Always' || restartPolicy === undefined
            ? 'the process exited on its own with success, but a container under restartPolicy Always should run forever: its command finishes (a one-off script, a shell with nothing in the foreground, a daemon that forks into the background)'
            : 'completed successfully',
      };
    case 1:
      return { code, meaning: 'generic application error: the program reported a failure and exited; its logs say why' };
    case 2:
      return {
        code,
        meaning: 'misuse of a command or bad arguments, or a Go program that panicked (the Go runtime exits with 2)',
      };
    case 3:
      return { code, meaning: 'application-specific; a JVM started with -XX:+ExitOnOutOfMemoryError exits with 3 when its heap is exhausted' };
    case 126:
      return { code, meaning: 'the command was found but could not be executed (permission denied or not an executable)' };
    case 127:
      return { code, meaning: 'command not found: the executable is not in the image or not on $PATH' };
    case 128:
      return { code, meaning: 'the container runtime could not start the process (the runtime error message says why)' };
    case 255:
      return {
        code,
        meaning: 'exit status out of range (the program called exit(-1)), or the runtime failed to exec the entrypoint',
      };
    default:
      return { code, meaning: `application-specific exit code ${code}: see the program's documentation and logs` };
  }
}

/** "exit 137 (SIGKILL)", "exit 2": the code with its signal when there is one. */
export function formatExitCode(code: number): string {
  const { signal } = exitCodeMeaning(code);
  return signal ? `exit ${code} (${signal})` : `exit ${code}`;
}
