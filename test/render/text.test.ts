import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/render/text/render-text.ts';
import { ambiguousApi, healthyWeb, oomApi, pendingNoEvents, unmatchedUnknown } from './diagnoses.ts';

const ESC = '\u001b';

describe('renderText: an OOMKilled api pod', () => {
  const text = renderText(oomApi(), { color: false, width: 90 });
  const lines = text.split('\n');

  it('opens with the verdict: the finding title with the limit', () => {
    expect(lines[0]).toBe('✗ api was OOMKilled at its 512Mi memory limit (restarted 14 times)  [oom-killed]');
  });

  it('prints each next-step command whole, on its own line', () => {
    for (const command of [
      'kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous',
      'kubectl top pod api-7d9f8c6b5-x2x7q -n shop --containers',
      'kubectl set resources deployment/api -n shop -c api --limits=memory=1Gi',
    ]) {
      expect(lines.map((line) => line.trim())).toContain(command);
    }
  });

  it('cites every piece of evidence with its source', () => {
    expect(text).toContain('Last instance terminated: reason OOMKilled, exit code 137');
    expect(text).toContain('    status.containerStatuses[api].lastState.terminated');
    expect(text).toContain('    spec.containers[api].resources.limits.memory');
  });

  it('lists checks ruled out and the secondary finding after the evidence, before the events', () => {
    const ruledOut = text.indexOf('✓ Node ip-10-0-3-17.ec2.internal is not under MemoryPressure');
    const also = text.indexOf('liveness probe of api failed 3 times');
    expect(ruledOut).toBeGreaterThan(text.indexOf('Evidence'));
    expect(also).toBeGreaterThan(ruledOut);
    expect(also).toBeLessThan(text.indexOf('Events'));
    expect(text).toContain('[liveness-probe-failure]');
  });

  it('shows the events de-duplicated with counts relative to the diagnosis time', () => {
    expect(text).toMatch(/Warning BackOff\s+x14 over 9m, last 2m ago/);
    expect(text).toContain('Back-off restarting failed container api in pod');
  });

  it('shows the previous instance first, marks its first error and says how to read the rest', () => {
    const previous = text.indexOf('Logs: api, previous instance');
    const current = text.indexOf('Logs: api, current instance');
    expect(previous).toBeGreaterThan(-1);
    expect(current).toBeGreaterThan(previous);
    expect(text).toContain('  ▶ java.lang.OutOfMemoryError: Java heap space');
    expect(text).toContain('  │ 2026-11-21 11:57:31.870  INFO');
    expect(text).toContain('… 118 more lines: run kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous');
  });

  it('links the runbook and names what could not be read', () => {
    expect(text).toContain('Runbook: https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/');
    expect(text).toContain('could not read: get nodes ip-10-0-3-17.ec2.internal (forbidden)');
  });

  it('ends with a context line: source, namespace, node, age, restarts', () => {
    const last = lines.filter(Boolean).at(-1)!;
    expect(last).toContain('snapshot incident-4711.json');
    expect(last).toContain('namespace shop');
    expect(last).toContain('node ip-10-0-3-17.ec2.internal');
    expect(last).toContain('age 3h');
    expect(last).toContain('restarts 14');
  });

  it('keeps prose within the width but never breaks a command', () => {
    const prose = lines.slice(lines.indexOf('What happened'), lines.indexOf('Evidence'));
    for (const line of prose) expect(line.length).toBeLessThanOrEqual(90);
    const narrow = renderText(oomApi(), { color: false, width: 40 });
    expect(narrow).toContain('kubectl set resources deployment/api -n shop -c api --limits=memory=1Gi');
  });
});

describe('renderText: colour is the caller’s choice', () => {
  it('has no escape codes when color is false', () => {
    for (const make of [oomApi, pendingNoEvents, ambiguousApi, healthyWeb, unmatchedUnknown]) {
      expect(renderText(make(), { color: false })).not.toContain(ESC);
    }
  });

  it('colours the verdict and the first error when color is true', () => {
    const text = renderText(oomApi(), { color: true });
    expect(text).toContain(`${ESC}[31m✗${ESC}[39m`);
    expect(text).toMatch(/\u001b\[31m\u001b\[1mjava\.lang\.OutOfMemoryError/);
  });

  it('never lets a container write escape sequences to the terminal', () => {
    const diagnosis = oomApi();
    diagnosis.logs[1]!.lines.push('\u001b]0;owned\u0007\u001b[2J cleared your screen');
    const text = renderText(diagnosis, { color: false });
    expect(text).not.toContain(ESC);
    expect(text).toContain('^[]0;owned\\x07^[[2J cleared your screen');
  });
});

describe('renderText: other shapes of answer', () => {
  it('a Pending pod whose events could not be read says so in the gap wording', () => {
    const text = renderText(pendingNoEvents(), { color: false });
    expect(text.split('\n')[0]).toContain('No node has 6Gi of memory free for report-builder');
    expect(text).toContain('could not read: list events in shop (forbidden)');
    expect(text).toContain('{node-role.kubernetes.io/control-plane: }');
    expect(text).not.toContain('Events');
  });

  it('an ambiguous target lists the candidates with their status and what to type instead', () => {
    const text = renderText(ambiguousApi(), { color: false, invocation: 'kubectl why' });
    expect(text.split('\n')[0]).toBe('? "api" matches 3 pods in shop: which one?');
    expect(text).toMatch(/api-7d9f8c6b5-x2x7q\s+CrashLoopBackOff\s+kubectl why api-7d9f8c6b5-x2x7q -n shop/);
    expect(text).toMatch(/api-gateway-6b9c-xx81k\s+Running\s+kubectl why api-gateway-6b9c-xx81k -n shop/);
  });

  it('no known failure mode: says so and still shows status, events and logs', () => {
    const text = renderText(unmatchedUnknown(), { color: false });
    expect(text.split('\n')[0]).toBe('? No known failure mode matched worker-0 (ContainerStatusUnknown)');
    expect(text).toContain('container worker: terminated: ContainerStatusUnknown (exit 137); last terminated: Error (exit 2)');
    expect(text).toContain('The container could not be located when the pod was terminated');
    expect(text).toContain('worker: draining queue orders-eu (3 left)');
    expect(text).not.toContain('Next steps');
  });

  it('no known failure mode and no events: says events expire rather than showing nothing', () => {
    const diagnosis = unmatchedUnknown();
    diagnosis.timeline = [];
    expect(renderText(diagnosis, { color: false })).toContain('None recorded (the API server keeps events for one hour by default)');
  });

  it('a healthy workload gets a calm verdict and its team runbook once', () => {
    const text = renderText(healthyWeb(), { color: false });
    expect(text.split('\n')[0]).toBe('✓ web is Running and Ready (1/1); its one restart was 5d ago  [healthy]');
    expect(text.match(/runbooks\.example\.com\/shop\/web/g)).toHaveLength(1);
    expect(text).toContain('age 5d3h');
  });

  it('prints the explanation once when it only repeats the detail (no playbook applied)', () => {
    const diagnosis = oomApi();
    diagnosis.findings[0]!.explanation = diagnosis.findings[0]!.detail;
    const text = renderText(diagnosis, { color: false, width: 1000 });
    expect(text.split(diagnosis.findings[0]!.detail)).toHaveLength(2);
  });

  it('a target that matched nothing is named as asked in the context line', () => {
    const diagnosis = ambiguousApi();
    diagnosis.candidates = [];
    diagnosis.subject = { kind: 'Unknown', name: 'chekout', namespace: 'shop' };
    expect(renderText(diagnosis, { color: false }).trimEnd().split('\n').at(-1)).toBe('cluster prod-eu · namespace shop · target chekout');
  });
});
