import { describe, expect, it } from 'vitest';
import { livenessProbeFailure } from '../../../src/core/detectors/liveness-probe-failure.ts';
import type { Container } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';
import { crashLooping, kubeletEvent, minutesAgo, podWith, readyConditions, runningAfter } from './support/container-pods.ts';

const web: Container = {
  name: 'web',
  image: 'shop/web:3.1.0',
  ports: [{ containerPort: 8080 }],
  livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3 },
};

describe('liveness-probe-failure', () => {
  it('tells a probe kill from a crash, with the probe settings and the failure text', () => {
    const pod = podWith({ containers: [web], statuses: [crashLooping('web', { exitCode: 137, ranSeconds: 300 }, 7)] });
    const events = [
      kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: Get "http://10.244.1.7:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', { count: 21, first: minutesAgo(40) }),
      kubeletEvent(pod, 'Killing', 'Container web failed liveness probe, will be restarted', { count: 7, last: minutesAgo(2.5) }),
    ];
    const finding = livenessProbeFailure.detect(factsForPod(pod, { events }));
    expect(finding?.title).toBe('web is restarted by its failing liveness probe (GET http://<pod IP>:8080/healthz: timed out; 21 failures, killed 7 times)');
    expect(finding?.evidence).toContainEqual({ kind: 'spec', source: 'spec.containers[web].livenessProbe', text: 'GET http://<pod IP>:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3' });
    expect(finding?.evidence.map((e) => e.text)).toContain('the endpoint answers slower than timeoutSeconds 1s (load, GC pauses, or a health check that waits on a database or another service)');
    expect(finding?.ruledOut).toContain('OOMKilled: the last instance ended with reason Error, exit 137');
    expect(finding?.vars).toMatchObject({ container: 'web', probe: 'liveness', probePath: '/healthz', probePort: '8080', timeoutSeconds: '1', failureThreshold: '3', probeOutcome: 'timed out' });
  });

  it('reads the docker-era Killing wording without a fieldPath, and spots the probe on an undeclared port', () => {
    const container = { ...web, ports: [{ containerPort: 80 }], livenessProbe: { httpGet: { path: '/', port: 90 } } };
    const pod = podWith({ containers: [container], conditions: readyConditions(minutesAgo(0.2)), statuses: [runningAfter('web', minutesAgo(0.2), { exitCode: 0, reason: 'Completed', startedAt: minutesAgo(0.5), finishedAt: minutesAgo(0.25) }, { restarts: 3 })] });
    const events = [
      kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: Get http://172.17.0.5:90/: dial tcp 172.17.0.5:90: connect: connection refused', { count: 12, last: minutesAgo(0.3) }),
      kubeletEvent(pod, 'Killing', 'Killing container with id docker://web:Container failed liveness probe.. Container will be killed and recreated.', { count: 4, last: minutesAgo(0.3), noFieldPath: true }),
    ];
    const finding = livenessProbeFailure.detect(factsForPod(pod, { events }));
    expect(finding?.title).toBe('web is restarted by its failing liveness probe (GET http://<pod IP>:90/: connection refused; 12 failures, killed 4 times)');
    expect(finding?.evidence.map((e) => e.text)).toContain("nothing accepts connections on the probed port 90, which is not among the container's declared ports (80)");
  });

  it('says when a startup probe gives up before the program has started', () => {
    const container: Container = { name: 'web', startupProbe: { httpGet: { path: '/started', port: 9000 }, initialDelaySeconds: 10, periodSeconds: 5, failureThreshold: 6 } };
    const pod = podWith({ containers: [container], statuses: [crashLooping('web', { exitCode: 143, ranSeconds: 42 }, 5)] });
    const events = [
      kubeletEvent(pod, 'Unhealthy', 'Startup probe failed: Get "http://10.244.2.31:9000/started": dial tcp 10.244.2.31:9000: connect: connection refused', { count: 36 }),
      kubeletEvent(pod, 'Killing', 'Container web failed startup probe, will be restarted', { count: 6, last: minutesAgo(2.1) }),
    ];
    const finding = livenessProbeFailure.detect(factsForPod(pod, { events }));
    expect(finding?.title).toBe('web is restarted by its failing startup probe (GET http://<pod IP>:9000/started: connection refused; 36 failures, killed 6 times)');
    expect(finding?.detail).toContain("each instance is killed about 42s after it starts, which is all the startup probe allows (initialDelaySeconds 10 + failureThreshold 6 × periodSeconds 5 = 40s): if the program needs longer to start, raise the startup probe's failureThreshold");
  });

  it('concludes from failures and a SIGKILL/SIGTERM ending when the Killing events are gone', () => {
    const pod = podWith({ containers: [web], statuses: [crashLooping('web', { exitCode: 143 })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', { count: 9 })];
    const finding = livenessProbeFailure.detect(factsForPod(pod, { events }));
    expect(finding?.title).toBe('web is restarted by its failing liveness probe (GET http://<pod IP>:8080/healthz: HTTP 500; 9 failures, restarted 6 times)');
    expect(finding?.ruledOut).toContain('application crash: exit 143 is how a stopped process ends, not a program error');
  });

  it("blames the probe's own command when the image lacks it, not a slow start", () => {
    const container: Container = { name: 'httpd', image: 'manageiq/httpd:latest', livenessProbe: { exec: { command: ['pidof', 'httpd'] }, initialDelaySeconds: 60, periodSeconds: 10, failureThreshold: 3 } };
    const pod = podWith({ containers: [container], statuses: [crashLooping('httpd', { exitCode: 137, ranSeconds: 110 }, 3)] });
    const errored = 'Liveness probe errored: rpc error: code = Unknown desc = command error: time="2020-04-30T03:15:16Z" level=error msg="exec failed: container_linux.go:349: starting container process caused \\"exec: \\\\\\"pidof\\\\\\": executable file not found in $PATH\\""\nexec failed: container_linux.go:349: starting container process caused "exec: \\"pidof\\": executable file not found in $PATH"\n, stdout: , stderr: , exit code -1';
    const events = [
      kubeletEvent(pod, 'Unhealthy', errored, { count: 9, first: minutesAgo(6) }),
      kubeletEvent(pod, 'Killing', 'Container httpd failed liveness probe, will be restarted', { count: 3, last: minutesAgo(2.5) }),
    ];
    const finding = livenessProbeFailure.detect(factsForPod(pod, { events }));
    expect(finding?.title).toBe('httpd is restarted by its failing liveness probe (exec [pidof httpd]: probe command "pidof" not found; 9 failures, killed 3 times)');
    expect(finding?.detail).toContain('The kubelet could not run the probe: rpc error');
    expect(finding?.detail).toContain('Likely why: the probe\'s own command "pidof" does not exist in the container\'s image');
    expect(finding?.detail).not.toContain('startupProbe');
  });

  it('leaves an application crash that also fails its probe to crash-loop', () => {
    const pod = podWith({ containers: [web], statuses: [crashLooping('web', { exitCode: 1 })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500', { count: 9 })];
    expect(livenessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });

  it('leaves a crash that came after older probe kills to crash-loop', () => {
    const pod = podWith({ containers: [web], statuses: [crashLooping('web', { exitCode: 1 })] });
    const events = [kubeletEvent(pod, 'Killing', 'Container web failed liveness probe, will be restarted', { last: minutesAgo(50) })];
    expect(livenessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });

  it('leaves an OOMKill to oom-killed even with probe failures around it', () => {
    const pod = podWith({ containers: [web], statuses: [crashLooping('web', { exitCode: 137, reason: 'OOMKilled' })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 503', { count: 2 })];
    expect(livenessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });

  it('stays quiet about readiness-only failures, which never restart anything', () => {
    const pod = podWith({ containers: [web], statuses: [runningAfter('web', minutesAgo(30), undefined, { ready: false })] });
    const events = [kubeletEvent(pod, 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503', { count: 40 })];
    expect(livenessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });

  it('stays quiet about probe kills long ago on a container stable since', () => {
    const since = minutesAgo(2 * 24 * 60);
    const pod = podWith({ containers: [web], conditions: readyConditions(since), statuses: [runningAfter('web', since, { exitCode: 137, startedAt: minutesAgo(2 * 24 * 60 + 30), finishedAt: since })] });
    const events = [kubeletEvent(pod, 'Killing', 'Container web failed liveness probe, will be restarted', { last: since })];
    expect(livenessProbeFailure.detect(factsForPod(pod, { events }))).toBeUndefined();
  });

  it('never shows a key carried in the probe URL', () => {
    const container = { ...web, livenessProbe: { httpGet: { path: '/health?health_access_key=7c2f0b61-4a0e-4d5b', port: 8080 }, timeoutSeconds: 5 } };
    const pod = podWith({ containers: [container], statuses: [crashLooping('web', { exitCode: 137 })] });
    const events = [
      kubeletEvent(pod, 'Unhealthy', 'Liveness probe failed: Get "http://10.42.3.17:8080/health?health_access_key=7c2f0b61-4a0e-4d5b": context deadline exceeded (Client.Timeout exceeded while awaiting headers)', { count: 3 }),
      kubeletEvent(pod, 'Killing', 'Container web failed liveness probe, will be restarted', { last: minutesAgo(2.5) }),
    ];
    const finding = livenessProbeFailure.detect(factsForPod(pod, { events }));
    expect(finding?.title).toContain('health_access_key=****');
    expect(JSON.stringify(finding)).not.toContain('7c2f0b61');
  });
});
