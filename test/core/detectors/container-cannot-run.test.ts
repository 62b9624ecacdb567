import { describe, expect, it } from 'vitest';
import { containerCannotRun } from '../../../src/core/detectors/container-cannot-run.ts';
import { factsForPod } from '../../support/facts.ts';
import { crashLooping, kubeletEvent, minutesAgo, nodeNamed, podWith, readyConditions, runningAfter } from './support/container-pods.ts';

const api = { name: 'api', image: 'shop/api:2.4.1', command: ['gunicorn', 'shop.wsgi', '--bind', '0.0.0.0:8000'] };

describe('container-cannot-run', () => {
  it('reads containerd StartError: the command is not in the image', () => {
    const message = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "gunicorn": executable file not found in $PATH: unknown';
    const pod = podWith({ containers: [api], statuses: [crashLooping('api', { exitCode: 128, reason: 'StartError', message }, 4)] });
    const events = [kubeletEvent(pod, 'Failed', `Error: ${message}`, { count: 5 })];
    const finding = containerCannotRun.detect(factsForPod(pod, { events }));
    expect(finding?.title).toBe('api cannot start: command "gunicorn" not found in the image ($PATH) (StartError, exit 128, restarted 4 times)');
    expect(finding?.evidence[0]).toMatchObject({ kind: 'status', source: 'status.containerStatuses[api].lastState.terminated' });
    expect(finding?.evidence).toContainEqual({ kind: 'spec', source: 'spec.containers[api].command', text: 'gunicorn shop.wsgi --bind 0.0.0.0:8000 (image shop/api:2.4.1)' });
    expect(finding?.evidence.some((e) => e.source.startsWith('event Failed x5'))).toBe(true);
    expect(finding?.vars).toMatchObject({ container: 'api', binary: 'gunicorn', cause: 'not-found', exitCode: '128', runtime: 'containerd' });
  });

  it('reads RunContainerError while the kubelet is still trying', () => {
    const pod = podWith({
      containers: [api],
      statuses: [{ name: 'api', ready: false, restartCount: 1, state: { waiting: { reason: 'RunContainerError', message: 'failed to start container "a1b2": Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "/app/run.sh": permission denied: unknown' } } }],
    });
    expect(containerCannotRun.detect(factsForPod(pod))?.title).toBe('api cannot start: "/app/run.sh" is not executable (permission denied) (RunContainerError, restarted 1 time)');
  });

  it('reads an exec format error from the log and names the node architecture', () => {
    const pod = podWith({ containers: [{ name: 'api', image: 'shop/api:2.4.1' }], statuses: [crashLooping('api', { exitCode: 255 }, 9)] });
    const finding = containerCannotRun.detect(factsForPod(pod, { pod: { node: nodeNamed('node-1', { arch: 'arm64' }), logs: [{ container: 'api', previous: true, text: 'exec /usr/local/bin/api: exec format error\n' }] } }));
    expect(finding?.title).toBe('api cannot start: "/usr/local/bin/api" is built for another CPU architecture (exec format error; the node is arm64) (Error, exit 255, restarted 9 times)');
    expect(finding?.evidence).toContainEqual({ kind: 'node', source: 'node node-1 label kubernetes.io/arch', text: 'arm64' });
    expect(finding?.ruledOut?.[0]).toContain("the only output is the runtime's exec error");
  });

  it('reads a shell that exits 127 because the command it runs does not exist', () => {
    const pod = podWith({ containers: [{ name: 'api', command: ['/bin/sh', '-c', 'uvicorn app:app'] }], statuses: [crashLooping('api', { exitCode: 127 })] });
    const finding = containerCannotRun.detect(factsForPod(pod, { pod: { logs: [{ container: 'api', previous: true, text: '/bin/sh: 1: uvicorn: not found\n' }] } }));
    expect(finding?.title).toBe('api cannot start: command "uvicorn" not found in the image ($PATH) (Error, exit 127, restarted 6 times)');
  });

  it('says a failed mount is about the volume, not the command', () => {
    const message =
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/lxcfs/proc/cpuinfo" to rootfs at "/proc/cpuinfo": mount /var/lib/lxcfs/proc/cpuinfo:/proc/cpuinfo (via /proc/self/fd/6), flags: 0x5001: not a directory: unknown';
    const pod = podWith({ containers: [{ name: 'web', image: 'httpd:2.4.32' }], statuses: [crashLooping('web', { exitCode: 128, reason: 'StartError', message }, 14)] });
    const finding = containerCannotRun.detect(factsForPod(pod));
    expect(finding?.title).toBe('web cannot start: "/var/lib/lxcfs/proc/cpuinfo" cannot be mounted at "/proc/cpuinfo": not a directory (StartError, exit 128, restarted 14 times)');
    expect(finding?.detail).toContain('could not set up the container\'s filesystem: mounting "/var/lib/lxcfs/proc/cpuinfo" at "/proc/cpuinfo" failed (not a directory)');
    expect(finding?.detail).toContain('a hostPath whose file is missing on the node');
    expect(finding?.vars?.binary).toBeUndefined();
  });

  it('stays quiet about a start failure the container has long since got past', () => {
    const since = minutesAgo(3 * 24 * 60);
    const pod = podWith({ containers: [api], conditions: readyConditions(since), statuses: [runningAfter('api', since, { exitCode: 128, reason: 'StartError', startedAt: '1970-01-01T00:00:00Z', finishedAt: since })] });
    expect(containerCannotRun.detect(factsForPod(pod))).toBeUndefined();
  });

  it('stays quiet about an application crash', () => {
    const pod = podWith({ containers: [api], statuses: [crashLooping('api', { exitCode: 1 })] });
    expect(containerCannotRun.detect(factsForPod(pod, { pod: { logs: [{ container: 'api', previous: true, text: 'Traceback (most recent call last):\nValueError: bad config\n' }] } }))).toBeUndefined();
  });
});
