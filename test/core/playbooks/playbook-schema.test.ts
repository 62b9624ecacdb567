import { describe, expect, it } from 'vitest';
import { playbookOverrideSchema, playbookSchema } from '../../../src/core/playbooks/playbook-schema.ts';

const valid = {
  id: 'stuck-terminating',
  title: 'Deletion never finishes',
  explanation: 'Finalizers hold {{pod}}.',
  steps: [{ text: 'See the finalizers.', command: "kubectl get pod {{pod}} -n {{namespace}} -o jsonpath='{.metadata.finalizers}'", when: 'pod' }],
  runbook: { title: 'Finalizers', url: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/' },
};

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('playbookSchema', () => {
  it('accepts a complete playbook and normalises `when` to a list', () => {
    const playbook = playbookSchema.parse(valid);
    expect(playbook.steps[0]?.when).toEqual(['pod']);
  });

  it('rejects a step that changes the cluster without saying so', () => {
    const result = playbookSchema.safeParse({
      ...valid,
      steps: [{ text: 'Force it.', command: 'kubectl delete pod {{pod}} -n {{namespace}} --grace-period=0 --force' }],
    });
    expect(messages(result)).toEqual([expect.stringMatching(/^steps\.0\.command: "kubectl delete" changes the cluster/)]);
  });

  it('accepts it once marked changesCluster', () => {
    const step = { text: 'Force it.', command: 'kubectl delete pod {{pod}} -n {{namespace}} --force', changesCluster: true };
    expect(playbookSchema.safeParse({ ...valid, steps: [step] }).success).toBe(true);
  });

  it('rejects unknown ids, unknown fields, non-http URLs and templated URLs', () => {
    expect(messages(playbookSchema.safeParse({ ...valid, id: 'oom-kill' }))).toEqual([
      expect.stringContaining('unknown finding id "oom-kill"'),
    ]);
    expect(playbookSchema.safeParse({ ...valid, runbok: {} }).error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(messages(playbookSchema.safeParse({ ...valid, runbook: { url: 'ftp://files.example.com/x' } }))).toEqual([
      'runbook.url: must be an http:// or https:// URL',
    ]);
    expect(messages(playbookSchema.safeParse({ ...valid, runbook: { url: 'https://wiki.example.com/{{workload}}' } }))[0]).toContain(
      'k8s-why.io/runbook',
    );
  });

  it('rejects a malformed placeholder', () => {
    expect(messages(playbookSchema.safeParse({ ...valid, explanation: 'Finalizers hold {{pod}.' }))[0]).toMatch(
      /^explanation: has a malformed placeholder/,
    );
  });

  it('requires every field of a built-in but only the id of an override', () => {
    expect(messages(playbookSchema.safeParse({ id: 'healthy' }))).toEqual([
      'title: is required',
      'explanation: is required',
      'steps: is required',
      'runbook: is required: a url and a title',
    ]);
    expect(playbookOverrideSchema.safeParse({ id: 'healthy', runbook: { url: 'https://wiki.example.com/x' } }).success).toBe(true);
  });
});
