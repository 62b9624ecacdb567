import { nearestNames } from '../target/nearest-names.ts';
import type { PlaybookOverride, PlaybookStep } from './playbook-schema.ts';
import { ALWAYS_KNOWN_VARIABLES, DETECTOR_VARIABLES, knownVariables } from './template-variables.ts';
import { templateVariables } from './template.ts';

/** Something that loads fine but will read badly: a warning, with where it is in the file. */
export interface PlaybookLint {
  path: (string | number)[];
  code: 'unknown-variable' | 'unguarded-variable';
  message: string;
}

/**
 * Variables no detector provides (a typo like {{contianer}} prints "<contianer>" for ever), and
 * commands that would print a hole because a variable may be missing and the step is not
 * guarded by `when`. Warnings, not errors: the playbook still works, just less well.
 */
export function lintPlaybook(playbook: PlaybookOverride): PlaybookLint[] {
  const known = knownVariables(playbook.id);
  const lints: PlaybookLint[] = [];
  const checkNames = (path: PlaybookLint['path'], names: string[]) => {
    for (const name of new Set(names)) {
      if (known.has(name)) continue;
      const nearest = nearestNames(name, known, 2).map((candidate) => `{{${candidate}}}`);
      const own = DETECTOR_VARIABLES[playbook.id];
      lints.push({
        path,
        code: 'unknown-variable',
        message:
          `{{${name}}} is not a variable of "${playbook.id}"` +
          (nearest.length > 0 ? ` (did you mean ${nearest.join(' or ')}?)` : '') +
          `; besides the subject's (namespace, pod, container, node, workload ...) it has: ${own.length > 0 ? own.join(', ') : 'none'}`,
      });
    }
  };
  const checkTemplate = (path: PlaybookLint['path'], template: string | undefined) => {
    if (template !== undefined) checkNames(path, templateVariables(template).map((v) => v.name));
  };

  checkTemplate(['title'], playbook.title);
  checkTemplate(['explanation'], playbook.explanation);
  checkTemplate(['runbook', 'title'], playbook.runbook?.title);
  playbook.steps?.forEach((step, index) => {
    const path = ['steps', index];
    checkTemplate([...path, 'text'], step.text);
    checkTemplate([...path, 'command'], step.command);
    checkNames([...path, 'when'], step.when ?? []);
    checkNames([...path, 'unless'], step.unless ?? []);
    lints.push(...unguardedCommandVariables(step, [...path, 'command']));
  });
  return lints;
}

function unguardedCommandVariables(step: PlaybookStep, path: PlaybookLint['path']): PlaybookLint[] {
  if (step.command === undefined) return [];
  const guarded = new Set(step.when ?? []);
  const absent = new Set(step.unless ?? []);
  const lints: PlaybookLint[] = [];
  for (const variable of templateVariables(step.command)) {
    if (variable.hasFallback || ALWAYS_KNOWN_VARIABLES.has(variable.name)) continue;
    if (absent.has(variable.name)) {
      lints.push({
        path,
        code: 'unguarded-variable',
        message: `the command uses {{${variable.name}}} but the step only prints when ${variable.name} is missing ("unless")`,
      });
    } else if (!guarded.has(variable.name)) {
      lints.push({
        path,
        code: 'unguarded-variable',
        message: `the command prints "<${variable.name}>" when a finding has no ${variable.name}: add "when: ${variable.name}" or a fallback {{${variable.name} | ...}}`,
      });
    }
  }
  return lints;
}
