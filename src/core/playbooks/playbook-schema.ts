import { z } from 'zod';
import { FINDING_IDS, type FindingId } from '../findings/finding-ids.ts';
import { kubectlWrite } from './kubectl-changes-cluster.ts';
import { malformedPlaceholder } from './template.ts';

/**
 * What a playbook file may say. Strict: an unknown field is an error, not something silently
 * ignored, because a misspelt `runbok:` would otherwise leave a team wondering why its link
 * never shows. Messages are written for the person editing the YAML.
 */

// Messages say what is wrong with a field; the loader prefixes where it is ("steps[2].command").
const text = z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') });

const template = text
  .trim()
  .min(1, { error: 'is empty' })
  .superRefine((value, ctx) => {
    const bad = malformedPlaceholder(value);
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `has a malformed placeholder near "${bad}": write {{name}} or {{name | fallback words}}`,
      });
    }
  });

const variableName = z
  .string({ error: 'must be a variable name' })
  .regex(/^[A-Za-z][A-Za-z0-9]*$/, { error: 'a variable name is letters and digits, like container or taintKey' });

const variableList = z
  .union([variableName, z.array(variableName).min(1)], { error: 'must be a variable name or a list of them' })
  .transform((value) => (typeof value === 'string' ? [value] : value));

const stepFields = {
  /** What to do and why, for a person. */
  text: template,
  /** The exact command; placeholders are shell-quoted when filled, so do not quote them yourself. */
  command: template.optional(),
  /** Print the step only when the finding has all these variables. */
  when: variableList.optional(),
  /** Print the step only when the finding has none of these variables (the alternative to a `when` step). */
  unless: variableList.optional(),
  /** The step changes the cluster: the answer says so, and a person decides to run it. */
  changesCluster: z.boolean({ error: 'must be true or false' }).optional(),
};

export const playbookStepSchema = z
  .strictObject(stepFields, { error: 'a step is a mapping with text and, optionally, command, when, unless, changesCluster' })
  .superRefine((step, ctx) => {
    if (step.command === undefined || step.changesCluster === true) return;
    const verb = kubectlWrite(step.command);
    if (verb !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['command'],
        message: `"kubectl ${verb}" changes the cluster: mark the step "changesCluster: true" so the answer says so`,
      });
    }
  });

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .refine((url) => !url.includes('{{') && !url.includes('%7B%7B'), {
    error: 'cannot hold placeholders: link a workload its own runbook with the k8s-why.io/runbook annotation',
  });

export const runbookSchema = z.strictObject(
  {
    url: httpUrl,
    title: template.optional(),
  },
  { error: (issue) => (issue.input === undefined ? 'is required: a url and a title' : 'must be a mapping with url and title') },
);

const findingId = z.enum(FINDING_IDS, {
  error: (issue) =>
    issue.input === undefined
      ? 'is required: the finding id this playbook is for'
      : `unknown finding id "${String(issue.input)}" (the ids are listed in docs/playbooks.md)`,
});

const fields = {
  /** A short generic name for the failure mode. */
  title: template,
  /** What it means and why it happens; detector variables make it specific. */
  explanation: template,
  steps: z
    .array(playbookStepSchema, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list of steps') })
    .min(1, { error: 'is empty' }),
  runbook: runbookSchema,
};

const notAMapping = { error: 'a playbook is a mapping of fields: id, title, explanation, steps, runbook' };

export const playbookSchema = z.strictObject({ id: findingId, ...fields }, notAMapping);

/** A team's layer: the id and only the fields it replaces. */
export const playbookOverrideSchema = z.strictObject(
  {
    id: findingId,
    title: fields.title.optional(),
    explanation: fields.explanation.optional(),
    steps: fields.steps.optional(),
    runbook: fields.runbook.optional(),
  },
  notAMapping,
);

export const PLAYBOOK_FIELDS = Object.keys(playbookSchema.shape);
export const STEP_FIELDS = Object.keys(stepFields);
export const RUNBOOK_FIELDS = Object.keys(runbookSchema.shape);

export type Playbook = z.output<typeof playbookSchema>;
export type PlaybookStep = z.output<typeof playbookStepSchema>;
export type PlaybookOverride = z.output<typeof playbookOverrideSchema>;

/** One playbook per finding id: the built-ins with any team layer applied. */
export type PlaybookSet = Readonly<Record<FindingId, Playbook>>;
