import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../src/core/events/timeline.ts';
import { describeProbe, endedByProbeKill, probeAction, probeCommandFailure, probeFailures, probeKills, probeOutcome } from '../../../src/core/containers/probes.ts';
import { kubeletEvent, minutesAgo, podWith } from '../detectors/support/container-pods.ts';

const pod = podWith({ containers: [{ name: 'web' }, { name: 'envoy' }] });

describe('probe failures in kubelet events', () => {
  it('reads Unhealthy events of one kind for one container', () => {
    const events = buildTimeline([
      kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', { container: 'web', count: 9 }),
      kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { container: 'web', count: 4 }),
      kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: dial tcp 10.1.2.3:15021: connect: connection refused', { container: 'envoy' }),
    ]);
    const liveness = probeFailures(events, 'web', 'liveness', false);
    expect(liveness).toMatchObject({ kind: 'liveness', count: 9, output: 'HTTP probe failed with statuscode: 500' });
    expect(probeFailures(events, 'web', 'readiness', false)?.count).toBe(4);
    expect(probeFailures(events, 'web', 'startup', false)).toBeUndefined();
  });

  it('reads "errored", startup probes and the fieldPath prefix some tools add', () => {
    const events = buildTimeline([
      kubeletEvent(pod, 'Unhealthy', 'Startup probe errored: rpc error: code = Unknown desc = failed to exec in container', { container: 'web' }),
      kubeletEvent(pod, 'Unhealthy', 'spec.containers{web}: Liveness probe failed: Get "http://10.42.1.203:80/": context deadline exceeded', { container: 'web' }),
    ]);
    expect(probeFailures(events, 'web', 'startup', false)?.output).toContain('failed to exec in container');
    expect(probeFailures(events, 'web', 'liveness', false)?.output).toContain('context deadline exceeded');
  });

  it('reads events the recorder folded into "(combined from similar events)", and says when the probe errored', () => {
    const events = buildTimeline([
      kubeletEvent(pod, 'Unhealthy', '(combined from similar events): Liveness probe errored: rpc error: code = Unknown desc = failed to exec in container: failed to start exec "f18cd93b": OCI runtime exec failed: exec failed: unable to start container process: exec: "/unleash-edge": stat /unleash-edge: no such file or directory: unknown', { container: 'web', count: 15 }),
      kubeletEvent(pod, 'Killing', '(combined from similar events): Container web failed liveness probe, will be restarted', { noFieldPath: true }),
    ]);
    const failures = probeFailures(events, 'web', 'liveness', false);
    expect(failures).toMatchObject({ count: 15, errored: true });
    expect(failures?.output).toMatch(/^rpc error: code = Unknown/);
    expect(probeKills(events, 'web', false)?.count).toBe(1);
  });

  it('reads probe kills in the current and the pre-1.16 wording', () => {
    const current = buildTimeline([kubeletEvent(pod, 'Killing', 'Container web failed liveness probe, will be restarted', { container: 'web', count: 3 })]);
    expect(probeKills(current, 'web', false)).toMatchObject({ kind: 'liveness', count: 3 });
    expect(probeKills(current, 'envoy', false)).toBeUndefined();

    const old = buildTimeline([
      kubeletEvent(pod, 'Killing', 'Killing container with id docker://web:Container failed liveness probe.. Container will be killed and recreated.', { noFieldPath: true }),
    ]);
    expect(probeKills(old, 'web', false)?.count).toBe(1);
    expect(probeKills(old, 'envoy', false)).toBeUndefined();

    const startup = buildTimeline([kubeletEvent(pod, 'Killing', 'Container web failed startup probe, will be restarted', { container: 'web' })]);
    expect(probeKills(startup, 'web', false)?.kind).toBe('startup');
  });

  it('does not take a deletion or rollout Killing for a probe kill', () => {
    const events = buildTimeline([kubeletEvent(pod, 'Killing', 'Stopping container web', { container: 'web' })]);
    expect(probeKills(events, 'web', false)).toBeUndefined();
  });

  it('ties a kill to the ending it caused, not to a later crash', () => {
    const kills = probeKills(buildTimeline([kubeletEvent(pod, 'Killing', 'Container web failed liveness probe, will be restarted', { container: 'web', last: minutesAgo(10) })]), 'web', false);
    expect(endedByProbeKill(kills, { exitCode: 137, finishedAt: minutesAgo(9.5) })).toBe(true);
    expect(endedByProbeKill(kills, { exitCode: 1, finishedAt: minutesAgo(1) })).toBe(false);
  });
});

describe('what a probe got back', () => {
  it.each([
    ['HTTP probe failed with statuscode: 503', 'HTTP 503'],
    ['Get "http://10.244.3.57:8080/health": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'timed out'],
    ['Get http://10.244.0.5:8080/healthz: net/http: request canceled (Client.Timeout exceeded while awaiting headers)', 'timed out'],
    ['dial tcp 10.1.2.3:5432: i/o timeout', 'timed out'],
    ['Get http://172.17.0.5:90/: dial tcp 172.17.0.5:90: connect: connection refused', 'connection refused'],
    ['/var/run/postgresql:5432 - no response', '/var/run/postgresql:5432 - no response'],
    ['', 'failed with no output'],
  ])('%s', (output, outcome) => {
    expect(probeOutcome(output)).toBe(outcome);
  });
});

describe('how a probe is shown', () => {
  it('uses kubectl describe form with the API defaults filled in', () => {
    expect(describeProbe({ httpGet: { path: '/healthz', port: 8080 } })).toBe('GET http://<pod IP>:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3');
    expect(describeProbe({ tcpSocket: { port: 5432 }, periodSeconds: 5, failureThreshold: 6 })).toBe('TCP :5432 delay=0s timeout=1s period=5s #success=1 #failure=6');
    expect(probeAction({ exec: { command: ['pg_isready', '-U', 'postgres'] } })).toBe('exec [pg_isready -U postgres]');
  });

  it('masks keys carried in a probe path', () => {
    expect(probeAction({ httpGet: { path: '/health?health_access_key=7c2f0b61-4a0e', port: 8080 } })).toBe('GET http://<pod IP>:8080/health?health_access_key=****');
  });
});

describe('probe commands that cannot run in the container', () => {
  it.each([
    ['CRI-O with runc 1.0-rc', 'rpc error: code = Unknown desc = command error: time="2020-04-30T03:10:44Z" level=error msg="exec failed: container_linux.go:349: starting container process caused \\"exec: \\\\\\"pidof\\\\\\": executable file not found in $PATH\\""\nexec failed: container_linux.go:349: starting container process caused "exec: \\"pidof\\": executable file not found in $PATH"\n, stdout: , stderr: , exit code -1', 'pidof', 'not found'],
    ['containerd with runc 1.1', 'rpc error: code = Unknown desc = failed to exec in container: failed to start exec "f18c": OCI runtime exec failed: exec failed: unable to start container process: exec: "/unleash-edge": stat /unleash-edge: no such file or directory: unknown', '/unleash-edge', 'not found'],
    ['crun', 'OCI runtime exec failed: exec failed: executable file `curl` not found in $PATH: No such file or directory', 'curl', 'not found'],
    ['a shell in the probe (dash)', '/bin/sh: 1: curl: not found\n', 'curl', 'not found'],
    ['a shell in the probe (bash)', 'bash: line 1: wget: command not found', 'wget', 'not found'],
    ['runc, not executable', 'OCI runtime exec failed: exec failed: unable to start container process: exec: "/health.sh": permission denied: unknown', '/health.sh', 'permission denied'],
  ])('recognises %s', (_runtime, output, program, problem) => {
    expect(probeCommandFailure(output)).toEqual({ program, problem });
    expect(probeOutcome(output)).toBe(`probe command "${program}" ${problem}`);
  });

  it('does not mistake a failing check for a missing command', () => {
    expect(probeCommandFailure('OCI runtime exec failed: exec failed: unable to start container process: error executing setns process: exit status 1: unknown')).toBeUndefined();
    expect(probeCommandFailure('HTTP probe failed with statuscode: 503')).toBeUndefined();
    expect(probeCommandFailure('redis-cli: Could not connect to Redis at 127.0.0.1:6379: Connection refused')).toBeUndefined();
  });
});
