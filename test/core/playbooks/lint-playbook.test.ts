import { describe, expect, it } from 'vitest';
import { lintPlaybook } from '../../../src/core/playbooks/lint-playbook.ts';
import { playbookOverrideSchema } from '../../../src/core/playbooks/playbook-schema.ts';

const lint = (playbook: unknown) => lintPlaybook(playbookOverrideSchema.parse(playbook));

describe('lintPlaybook', () => {
  it('warns about a variable no detector provides for that id, at its field', () => {
    const lints = lint({ id: 'oom-killed', explanation: 'killed at {{limit}} in {{contianer}}' });
    expect(lints).toEqual([
      expect.objectContaining({ path: ['explanation'], code: 'unknown-variable', message: expect.stringContaining('{{contianer}}') }),
    ]);
  });

  it("knows each id's own variables: a taint key is not an OOM kill's", () => {
    expect(lint({ id: 'untolerated-taint', explanation: 'taint {{taintKey}}' })).toEqual([]);
    expect(lint({ id: 'oom-killed', explanation: 'taint {{taintKey}}' })).toHaveLength(1);
  });

  it('checks when and unless names too', () => {
    const lints = lint({ id: 'crash-loop', steps: [{ text: 'x', when: 'containr' }] });
    expect(lints[0]).toMatchObject({ path: ['steps', 0, 'when'], code: 'unknown-variable' });
  });

  it('warns when a command may print a hole because its step is not guarded', () => {
    const lints = lint({ id: 'oom-killed', steps: [{ text: 'logs', command: 'kubectl logs {{pod}} -n {{namespace}} -c {{container}}', when: 'pod' }] });
    expect(lints).toEqual([
      expect.objectContaining({ path: ['steps', 0, 'command'], code: 'unguarded-variable', message: expect.stringContaining('when: container') }),
    ]);
  });

  it('accepts a guarded command, a fallback, and the namespace, which is always known', () => {
    const lints = lint({
      id: 'oom-killed',
      steps: [
        { text: 'logs', command: 'kubectl logs {{pod}} -n {{namespace}} -c {{container}}', when: ['pod', 'container'] },
        { text: 'top', command: 'kubectl top pods -n {{namespace}} {{pod | }}' },
      ],
    });
    expect(lints).toEqual([]);
  });

  it('warns when a command uses the very variable its step requires to be missing', () => {
    const lints = lint({ id: 'oom-killed', steps: [{ text: 'node', command: 'kubectl describe node {{node}}', unless: 'node' }] });
    expect(lints[0]).toMatchObject({ code: 'unguarded-variable', message: expect.stringContaining('unless') });
  });
});
