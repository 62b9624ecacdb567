import { describe, expect, it } from 'vitest';
import { clipStart, lastStatement, logLines } from '../../../src/core/logs/log-lines.ts';

describe('log lines', () => {
  it('joins an indented continuation to the line it continues (Go log.Fatal with a wrapped cause)', () => {
    const lines = logLines('2021/03/04 23:22:07 errors parsing config:\n\tGet "https://x": exec: "gcloud": executable file not found in $PATH\n\n');
    expect(lastStatement(lines)).toBe('2021/03/04 23:22:07 errors parsing config: Get "https://x": exec: "gcloud": executable file not found in $PATH');
  });

  it('takes the last line alone when it is not a continuation, and nothing from an empty log', () => {
    expect(lastStatement(['starting', 'Error: config file /etc/app.yaml not found'])).toBe('Error: config file /etc/app.yaml not found');
    expect(lastStatement(['', '  '])).toBeUndefined();
  });

  it('keeps the end of a long line, where an error chain names the cause', () => {
    expect(clipStart('open config: read /etc/app.yaml: permission denied', 20)).toBe('…: permission denied');
    expect(clipStart('short', 20)).toBe('short');
  });
});
