import { describe, expect, it } from 'vitest';
import type { FindingDraft } from '../../src/core/findings/finding.ts';
import { FINDING_IDS, type FindingId } from '../../src/core/findings/finding-ids.ts';
import { applyPlaybook } from '../../src/core/playbooks/apply-playbook.ts';
import { kubectlWrite } from '../../src/core/playbooks/kubectl-changes-cluster.ts';
import { knownVariables } from '../../src/core/playbooks/template-variables.ts';
import { loadPlaybooks } from '../../src/playbooks/load-playbooks.ts';
import { formatPlaybookIssue } from '../../src/playbooks/playbook-issue.ts';

const loaded = loadPlaybooks();
if (!loaded.ok) throw new Error(loaded.errors.map(formatPlaybookIssue).join('\n'));
const playbooks = loaded.playbooks;

const draft = (id: FindingId, vars: Record<string, string> = {}, container?: string): FindingDraft & { priority: number } => ({
  id,
  title: `${id} title`,
  detail: 'detail',
  evidence: [],
  vars,
  priority: 50,
  ...(container ? { container } : {}),
});

const subject = { namespace: 'shop', target: 'api', pod: 'api-7d9f8c6b5-x2x7q', node: 'node-2', workload: 'api', workloadKind: 'deploy' };
const HOLE = /<[A-Za-z]+>/;

describe('the built-in playbooks', () => {
  it('cover every finding id, load without errors and without warnings', () => {
    expect(Object.keys(playbooks).sort()).toEqual([...FINDING_IDS].sort());
    expect(loaded.warnings.map(formatPlaybookIssue)).toEqual([]);
  });

  it.each(FINDING_IDS)('%s links a public https runbook', (id) => {
    expect(playbooks[id].runbook.url).toMatch(/^https:\/\/(kubernetes\.io|docs\.docker\.com)\//);
  });

  it.each(FINDING_IDS)('%s never prints a command with a hole, whatever the finding lacks', (id) => {
    for (const vars of [{ namespace: 'shop' }, subject]) {
      const finding = applyPlaybook(draft(id), { playbooks, vars });
      for (const step of finding.nextSteps) expect(step.command ?? '').not.toMatch(HOLE);
    }
  });

  it.each(FINDING_IDS)('%s fills every placeholder when the detector provides all its variables', (id) => {
    const vars = Object.fromEntries([...knownVariables(id)].map((name) => [name, `x${name}`]));
    const finding = applyPlaybook(draft(id, vars), { playbooks, vars: {} });
    expect(finding.explanation).not.toMatch(HOLE);
    for (const step of finding.nextSteps) expect(`${step.text} ${step.command ?? ''}`).not.toMatch(HOLE);
  });

  it.each(FINDING_IDS)('%s gives at least one exact read-only command to start with', (id) => {
    const finding = applyPlaybook(draft(id), { playbooks, vars: subject });
    const readOnly = finding.nextSteps.filter((step) => step.command !== undefined && kubectlWrite(step.command) === undefined);
    expect(readOnly.length).toBeGreaterThan(0);
    expect(readOnly.every((step) => !step.text.startsWith('Changes the cluster'))).toBe(true);
  });

  it('oom-killed: the previous logs of the container that was killed, and the limit it hit', () => {
    const finding = applyPlaybook(draft('oom-killed', { limit: '512Mi', exitCode: '137', killedEarlier: 'true' }, 'api'), { playbooks, vars: subject });
    expect(finding.explanation).toContain('used more memory than its limit (512Mi)');
    expect(finding.explanation).toContain('exit code 137');
    const commands = finding.nextSteps.map((step) => step.command);
    expect(commands).toContain('kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous');
    expect(commands).not.toContain('kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api');
  });

  it('oom-killed: a kill in the current state (a Job pod, restartPolicy Never) reads the current logs', () => {
    const finding = applyPlaybook(draft('oom-killed', { limit: '300Mi', exitCode: '0' }, 'api'), { playbooks, vars: subject });
    expect(finding.explanation).toContain('exit code 0');
    const commands = finding.nextSteps.map((step) => step.command);
    expect(commands).toContain('kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api');
    expect(commands).not.toContain('kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous');
  });

  it('untolerated-taint: removing the taint is offered, and marked as a change, only with the taint known', () => {
    const vars = { taintKey: 'node-role.kubernetes.io/control-plane', taintEffect: 'NoSchedule', node: 'kind-control-plane' };
    const finding = applyPlaybook(draft('untolerated-taint', vars), { playbooks, vars: subject });
    const removal = finding.nextSteps.find((step) => step.command?.startsWith('kubectl taint'));
    expect(removal?.command).toBe('kubectl taint nodes kind-control-plane node-role.kubernetes.io/control-plane:NoSchedule-');
    expect(removal?.text).toMatch(/^Changes the cluster: /);
    const withoutTaint = applyPlaybook(draft('untolerated-taint'), { playbooks, vars: subject });
    expect(withoutTaint.nextSteps.some((step) => step.command?.startsWith('kubectl taint'))).toBe(false);
  });

  it('untolerated-taint: a cordoned node is uncordoned, not untainted', () => {
    const vars = { taintKey: 'node.kubernetes.io/unschedulable', taintEffect: 'NoSchedule', cordoned: 'true', node: 'node-3' };
    const commands = applyPlaybook(draft('untolerated-taint', vars), { playbooks, vars: subject }).nextSteps.map((step) => step.command);
    expect(commands).toContain('kubectl uncordon node-3');
    expect(commands.some((command) => command?.startsWith('kubectl taint'))).toBe(false);
  });

  it('missing-config: the ConfigMap that lacks the key, and the key that looks like it', () => {
    const vars = { configMap: 'nacos-cm', key: 'mysql.host', closestKey: 'mysql.db.host' };
    const finding = applyPlaybook(draft('missing-config', vars, 'nacos'), { playbooks, vars: { ...subject, namespace: 'nacos' } });
    expect(finding.nextSteps.map((step) => step.command)).toContain('kubectl describe configmap nacos-cm -n nacos');
    expect(finding.nextSteps.map((step) => step.text)).toContain(
      'Was the key renamed? mysql.db.host exists in nacos-cm; the container asks for mysql.host.',
    );
  });

  it('quota-exceeded: with no pod, still points at the quota and the rejections', () => {
    const finding = applyPlaybook(draft('quota-exceeded', { quota: 'compute' }), { playbooks, vars: { namespace: 'shop', workload: 'api', workloadKind: 'deploy' } });
    expect(finding.nextSteps.map((step) => step.command)).toEqual(
      expect.arrayContaining(['kubectl describe resourcequota compute -n shop', 'kubectl get events -n shop --field-selector reason=FailedCreate']),
    );
  });
});
