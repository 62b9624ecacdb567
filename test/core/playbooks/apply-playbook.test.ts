import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../../../src/core/findings/finding.ts';
import { FINDING_IDS } from '../../../src/core/findings/finding-ids.ts';
import { applyPlaybook, type PlaybookContext } from '../../../src/core/playbooks/apply-playbook.ts';
import { playbookSchema, type PlaybookSet } from '../../../src/core/playbooks/playbook-schema.ts';

const oomPlaybook = playbookSchema.parse({
  id: 'oom-killed',
  title: 'Killed at its memory limit',
  explanation: 'The kernel killed {{container | the container}} at {{limit}}.',
  steps: [
    { text: 'Read the logs of the killed instance.', command: 'kubectl logs {{pod}} -n {{namespace}} -c {{container}} --previous', when: ['pod', 'container'] },
    { text: 'Read the logs of the killed instance.', command: 'kubectl logs {{pod}} -n {{namespace}} --previous', when: 'pod', unless: 'container' },
    { text: 'Check {{node}} for memory pressure.', command: 'kubectl describe node {{node}}', when: 'node' },
    { text: 'See its history.', command: 'kubectl rollout history {{rolloutTarget}} -n {{namespace}}', when: 'rolloutTarget' },
    { text: 'Restart it after raising the limit.', command: 'kubectl rollout restart {{rolloutTarget}} -n {{namespace}}', when: 'rolloutTarget', changesCluster: true },
  ],
  runbook: { title: 'Assign Memory Resources', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/' },
});

const playbooks = Object.fromEntries(
  FINDING_IDS.map((id) => [
    id,
    id === 'oom-killed'
      ? oomPlaybook
      : playbookSchema.parse({ id, title: id, explanation: id, steps: [{ text: 'look' }], runbook: { url: `https://example.com/${id}` } }),
  ]),
) as PlaybookSet;

const draft: FindingDraft & { priority: number } = {
  id: 'oom-killed',
  title: 'api was OOMKilled at its 512Mi memory limit (restarted 14 times)',
  detail: 'The JVM heap grew past the limit.',
  evidence: [{ kind: 'status', source: 'status.containerStatuses[api].lastState.terminated', text: 'OOMKilled, exit 137' }],
  container: 'api',
  vars: { limit: '512Mi' },
  priority: 60,
};

const subject = { namespace: 'shop', pod: 'api-7d9f8c6b5-x2x7q', node: 'node-2', workload: 'api', workloadKind: 'deploy' };
const context: PlaybookContext = { playbooks, vars: subject };

const commands = (finding: { nextSteps: { command?: string }[] }) => finding.nextSteps.map((step) => step.command);

describe('applyPlaybook', () => {
  it('fills the explanation with the container and the limit the detector found', () => {
    const finding = applyPlaybook(draft, context);
    expect(finding.explanation).toBe('The kernel killed api at 512Mi.');
    expect(finding.title).toBe(draft.title);
    expect(finding.evidence).toEqual(draft.evidence);
  });

  it('prints exact commands for this pod, container, node and workload', () => {
    expect(commands(applyPlaybook(draft, context))).toEqual([
      'kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous',
      'kubectl describe node node-2',
      'kubectl rollout history deploy/api -n shop',
      'kubectl rollout restart deploy/api -n shop',
    ]);
  });

  it('leaves out steps whose variables the finding lacks instead of printing a hole', () => {
    const finding = applyPlaybook({ ...draft, container: undefined }, { playbooks, vars: { namespace: 'shop', pod: 'api-1' } });
    expect(commands(finding)).toEqual(['kubectl logs api-1 -n shop --previous']);
    expect(commands(finding).join('\n')).not.toMatch(/<\w+>/);
  });

  it('prints a missing variable in prose as <name> or as the fallback words', () => {
    const finding = applyPlaybook({ ...draft, container: undefined, vars: {} }, context);
    expect(finding.explanation).toBe('The kernel killed the container at <limit>.');
  });

  it('says plainly which step changes the cluster', () => {
    const steps = applyPlaybook(draft, context).nextSteps;
    const restart = steps.find((step) => step.command?.includes('rollout restart'));
    expect(restart?.text).toMatch(/^Changes the cluster: /);
    expect(steps.filter((step) => step.text.startsWith('Changes the cluster'))).toHaveLength(1);
  });

  it('offers rollout commands only for workloads that have a rollout', () => {
    const job = applyPlaybook(draft, { playbooks, vars: { ...subject, workloadKind: 'job', workload: 'migrate' } });
    expect(commands(job).join('\n')).not.toContain('rollout');
    const sts = applyPlaybook(draft, { playbooks, vars: { ...subject, workloadKind: 'StatefulSet', workload: 'db' } });
    expect(commands(sts)).toContain('kubectl rollout history statefulset/db -n shop');
  });

  it('lets the detector name a more specific value than the subject (e.g. the node that came closest)', () => {
    const finding = applyPlaybook({ ...draft, vars: { ...draft.vars, node: 'node-3' } }, context);
    expect(commands(finding)).toContain('kubectl describe node node-3');
  });

  it('quotes values that the shell would interpret', () => {
    const finding = applyPlaybook(draft, { playbooks, vars: { ...subject, node: 'node 2; rm -rf ~' } });
    expect(commands(finding)).toContain("kubectl describe node 'node 2; rm -rf ~'");
  });

  it('links the playbook runbook by default', () => {
    expect(applyPlaybook(draft, context).runbook).toEqual({
      title: 'Assign Memory Resources',
      url: 'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/',
    });
  });

  it("links the workload's own runbook (k8s-why.io/runbook) ahead of the playbook's, which stays as the last step", () => {
    const finding = applyPlaybook(draft, { ...context, runbook: 'https://wiki.example.com/runbooks/api' });
    expect(finding.runbook).toEqual({ url: 'https://wiki.example.com/runbooks/api', title: 'Runbook for deploy/api' });
    expect(finding.nextSteps.at(-1)?.text).toBe(
      'General guide: Assign Memory Resources: https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/',
    );
  });

  it('ignores an annotation that is not an http(s) link', () => {
    const finding = applyPlaybook(draft, { ...context, runbook: 'see the wiki' });
    expect(finding.runbook?.url).toBe('https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/');
  });

  it('keeps the ranked priority, the evidence and the detail of the draft', () => {
    const finding = applyPlaybook({ ...draft, priority: 62 }, context);
    expect(finding).toMatchObject({ priority: 62, detail: draft.detail, evidence: draft.evidence });
  });
});
