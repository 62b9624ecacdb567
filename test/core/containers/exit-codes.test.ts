import { describe, expect, it } from 'vitest';
import { exitCodeMeaning, formatExitCode } from '../../../src/core/containers/exit-codes.ts';

describe('exit code meanings', () => {
  it('reads 128+n as the signal that killed the process', () => {
    expect(exitCodeMeaning(137)).toMatchObject({ signal: 'SIGKILL' });
    expect(exitCodeMeaning(137).meaning).toMatch(/OOM killer.*liveness probe/);
    expect(exitCodeMeaning(143)).toMatchObject({ signal: 'SIGTERM' });
    expect(exitCodeMeaning(139)).toMatchObject({ signal: 'SIGSEGV' });
    expect(exitCodeMeaning(134)).toMatchObject({ signal: 'SIGABRT' });
    expect(exitCodeMeaning(134).meaning).toContain('Node.js running out of heap');
  });

  it('says a clean exit is the problem only where containers should run forever', () => {
    expect(exitCodeMeaning(0, 'Always').meaning).toContain('should run forever');
    expect(exitCodeMeaning(0, 'OnFailure').meaning).toBe('completed successfully');
    expect(exitCodeMeaning(0, 'Never').meaning).toBe('completed successfully');
  });

  it('names the shell conventions for commands that cannot run', () => {
    expect(exitCodeMeaning(126).meaning).toContain('could not be executed');
    expect(exitCodeMeaning(127).meaning).toContain('command not found');
    expect(exitCodeMeaning(128).meaning).toContain('runtime could not start');
  });

  it('knows the Go panic and generic error codes', () => {
    expect(exitCodeMeaning(1).meaning).toContain('generic application error');
    expect(exitCodeMeaning(2).meaning).toContain('Go program that panicked');
    expect(exitCodeMeaning(42).meaning).toBe("application-specific exit code 42: see the program's documentation and logs");
  });

  it('formats the code with its signal', () => {
    expect(formatExitCode(137)).toBe('exit 137 (SIGKILL)');
    expect(formatExitCode(1)).toBe('exit 1');
  });
});
