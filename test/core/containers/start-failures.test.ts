import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../src/core/events/timeline.ts';
import { describeStartFailure, startFailureOf } from '../../../src/core/containers/start-failures.ts';
import type { ContainerView } from '../../../src/core/kube/pod-status.ts';
import type { ContainerStatus } from '../../../src/core/kube/types.ts';
import { crashLooping, kubeletEvent, podWith } from '../detectors/support/container-pods.ts';

const view = (status: ContainerStatus): ContainerView => ({ name: status.name, init: false, sidecar: false, status });
const waitingWith = (reason: string, message: string): ContainerStatus => ({ name: 'api', ready: false, restartCount: 0, state: { waiting: { reason, message } } });

describe('why a runtime could not start the process', () => {
  it.each([
    [
      'containerd StartError',
      crashLooping('api', { exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "gunicorn": executable file not found in $PATH: unknown' }),
      'not-found',
      'gunicorn',
    ],
    [
      'dockershim ContainerCannotRun',
      crashLooping('api', { exitCode: 127, reason: 'ContainerCannotRun', message: 'OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"sh\\": executable file not found in $PATH": unknown' }),
      'not-found',
      'sh',
    ],
    [
      'dockershim permission denied',
      crashLooping('api', { exitCode: 126, reason: 'ContainerCannotRun', message: 'OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"/app/run.sh\\": permission denied": unknown' }),
      'permission-denied',
      '/app/run.sh',
    ],
    [
      'CRI-O CreateContainerError',
      waitingWith('CreateContainerError', 'container create failed: time="2025-04-16T03:13:31Z" level=error msg="runc create failed: unable to start container process: error during container init: exec: \\"./agent\\": stat ./agent: no such file or directory"\n'),
      'no-such-file',
      './agent',
    ],
    [
      'RunContainerError with a mount error',
      waitingWith('RunContainerError', 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/kubelet/pods/uid/volume-subpaths/config/api/0" to rootfs at "/etc/app/config.yaml": mount /proc/self/fd/6:/etc/app/config.yaml (via /proc/self/fd/7), flags: 0x5001: not a directory: unknown'),
      'mount',
      '/etc/app/config.yaml',
    ],
  ])('%s', (_name, status, cause, path) => {
    const failure = startFailureOf(view(status), [], [], true);
    expect(failure).toMatchObject({ cause, path, evidence: { kind: 'status' } });
  });

  it('reads a failed bind mount in both runc wordings, with its source, its path in the container and the error', () => {
    const dockershim = crashLooping('web', {
      exitCode: 128,
      reason: 'ContainerCannotRun',
      message:
        'OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \\"rootfs_linux.go:58: mounting \\\\\\"/var/lib/lxcfs/proc/cpuinfo\\\\\\" to rootfs \\\\\\"/var/lib/docker/overlay2/c8de/merged\\\\\\" at \\\\\\"/var/lib/docker/overlay2/c8de/merged/proc/cpuinfo\\\\\\" caused \\\\\\"not a directory\\\\\\"\\"": unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type',
    });
    const old = startFailureOf(view(dockershim), [], [], true);
    expect(old).toMatchObject({ cause: 'mount', source: '/var/lib/lxcfs/proc/cpuinfo', path: '/proc/cpuinfo', problem: 'not a directory' });
    expect(describeStartFailure(old!)).toBe('"/var/lib/lxcfs/proc/cpuinfo" cannot be mounted at "/proc/cpuinfo": not a directory');

    const containerd = waitingWith(
      'RunContainerError',
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/kubelet/pods/uid/volume-subpaths/config/api/0" to rootfs at "/etc/app/config.yaml": mount /proc/self/fd/6:/etc/app/config.yaml (via /proc/self/fd/7), flags: 0x5001: not a directory: unknown',
    );
    expect(startFailureOf(view(containerd), [], [], true)).toMatchObject({ source: '/var/lib/kubelet/pods/uid/volume-subpaths/config/api/0', path: '/etc/app/config.yaml', problem: 'not a directory' });
  });

  it('reads the exec format error runc prints as the only output (runc 1.1+ and older)', () => {
    const status = crashLooping('api', { exitCode: 255 });
    for (const text of ['exec /node-problem-detector: exec format error\n', 'standard_init_linux.go:228: exec user process caused: exec format error\n']) {
      const failure = startFailureOf(view(status), [], [{ container: 'api', previous: true, text }], true);
      expect(failure).toMatchObject({ cause: 'exec-format', evidence: { kind: 'log', source: 'log api (previous)' } });
    }
  });

  it("does not take a program's own failed child exec for its start failure", () => {
    const status = crashLooping('api', { exitCode: 1 });
    const text = 'error: fork/exec /usr/local/bin/kubectl: exec format error\n';
    expect(startFailureOf(view(status), [], [{ container: 'api', previous: true, text }], true)).toBeUndefined();
  });

  it('reads a shell that cannot find its command, only with exit 127', () => {
    const log = [{ container: 'api', previous: true, text: '/bin/sh: 1: uvicorn: not found\n' }];
    expect(startFailureOf(view(crashLooping('api', { exitCode: 127 })), [], log, true)).toMatchObject({ cause: 'not-found', path: 'uvicorn' });
    expect(startFailureOf(view(crashLooping('api', { exitCode: 1 })), [], log, true)).toBeUndefined();
  });

  it('falls back to the Failed event when the status has no message', () => {
    const pod = podWith({});
    const events = buildTimeline([
      kubeletEvent(pod, 'Failed', 'Error: failed to start container "api": Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"/entrypoint.sh\\": permission denied": unknown', { count: 4 }),
    ]);
    const failure = startFailureOf(view(crashLooping('api', { exitCode: 1 })), events, [], true);
    expect(failure).toMatchObject({ cause: 'permission-denied', path: '/entrypoint.sh', evidence: { kind: 'event' } });
  });

  it('leaves other CreateContainerError causes to other detectors', () => {
    const status = waitingWith('CreateContainerError', 'Error: failed to reserve container name "api_api-1_shop_uid_0": name "api_api-1_shop_uid_0" is reserved');
    expect(startFailureOf(view(status), [], [], true)).toBeUndefined();
  });

  it('describes the cause in a person\'s words', () => {
    expect(describeStartFailure({ cause: 'exec-format', path: '/app/server', message: '', evidence: { kind: 'log', source: '' } }, 'arm64')).toBe(
      '"/app/server" is built for another CPU architecture (exec format error; the node is arm64)',
    );
  });
});

describe('an image with nothing to run', () => {
  it('reads containerd and docker "no command specified"', () => {
    for (const [reason, message] of [
      ['CreateContainerError', 'failed to generate container "4f1c" spec: failed to generate spec: no command specified'],
      ['RunContainerError', 'runContainer: Error response from daemon: {"message":"No command specified"}'],
    ] as const) {
      const status: ContainerStatus = { name: 'api', ready: false, restartCount: 0, state: { waiting: { reason, message } } };
      expect(startFailureOf({ name: 'api', init: false, sidecar: false, status }, [], [], true)?.cause).toBe('no-command');
    }
  });
});
