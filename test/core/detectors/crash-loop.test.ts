import { describe, expect, it } from 'vitest';
import { crashLoop } from '../../../src/core/detectors/crash-loop.ts';
import { factsForPod } from '../../support/facts.ts';
import { factsFromScenario, readScenario } from './support/scenario-facts.ts';
import { crashLooping, kubeletEvent, minutesAgo, podWith, readyConditions, runningAfter } from './support/container-pods.ts';

const previousLog = (text: string) => ({ pod: { logs: [{ container: 'api', previous: true, text }] } });

describe('crash-loop', () => {
  it('names the Go panic of shared example 04 and where it happened', () => {
    const finding = crashLoop.detect(factsFromScenario(readScenario('/work/shared/scenarios/examples/04-crashloop-go-panic-stork.json')));
    expect(finding?.title).toBe('stork panics: nil pointer dereference at portworx.go:100 (exit 2, restarted 12 times, back-off 5m0s)');
    expect(finding?.evidence).toContainEqual({ kind: 'log', source: 'log stork (previous)', text: 'panic: runtime error: invalid memory address or nil pointer dereference' });
    expect(finding?.ruledOut).toContain('OOMKilled: reason Error, exit 2');
    expect(finding?.vars).toMatchObject({ container: 'stork', exitCode: '2', backoff: '5m0s', error: 'nil pointer dereference', location: 'portworx.go:100' });
  });

  it('names the exception of a Python traceback', () => {
    const pod = podWith({ statuses: [crashLooping('api', { exitCode: 1 })] });
    const log = 'Traceback (most recent call last):\n  File "/app/settings.py", line 12, in <module>\n    DATABASE_URL = os.environ["DATABASE_URL"]\nKeyError: \'DATABASE_URL\'\n';
    expect(crashLoop.detect(factsForPod(pod, previousLog(log)))?.title).toBe("api raises KeyError: 'DATABASE_URL' at settings.py:12 (exit 1, restarted 6 times, back-off 2m40s)");
  });

  it('says what a clean exit means under restartPolicy Always', () => {
    const pod = podWith({ statuses: [crashLooping('api', { exitCode: 0, reason: 'Completed' })] });
    const finding = crashLoop.detect(factsForPod(pod, previousLog('Seeded 1200 rows\nDone\n')));
    expect(finding?.title).toBe('api exits with code 0 but restartPolicy Always restarts it: its command finishes (exit 0, restarted 6 times, back-off 2m40s)');
  });

  it('does not call a clean exit a crash under restartPolicy OnFailure', () => {
    const pod = podWith({ restartPolicy: 'OnFailure', statuses: [{ name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: minutesAgo(1) } } }] });
    expect(crashLoop.detect(factsForPod(pod))).toBeUndefined();
  });

  it('reads the termination message when the logs are gone (FallbackToLogsOnError)', () => {
    const message = 'I0412 08:02:11.104990       1 main.go:51] loading config\nF0412 08:02:11.105120       1 main.go:54] failed to load config: open /etc/app/config.yaml: no such file or directory\n';
    const pod = podWith({ statuses: [crashLooping('api', { exitCode: 255, message })] });
    const finding = crashLoop.detect(factsForPod(pod));
    expect(finding?.title).toBe('api exits after logging "failed to load config: open /etc/app/config.yaml: no such file or directory" at main.go:54 (exit 255, restarted 6 times, back-off 2m40s)');
    expect(finding?.evidence.some((e) => e.source === 'status.containerStatuses[api].lastState.terminated.message')).toBe(true);
  });

  it('quotes the last words of a program that exits non-zero without marking any line as an error', () => {
    const pod = podWith({ containers: [{ name: 'api' }, { name: 'cloud-sql-proxy' }], statuses: [crashLooping('cloud-sql-proxy', { exitCode: 1 }, 7)] });
    const text = '2021/03/04 23:27:13 errors parsing config:\n\tGet "https://sqladmin.googleapis.com/sql/v1beta4/projects/p/instances/db?alt=json": exec: "gcloud": executable file not found in $PATH\n';
    const finding = crashLoop.detect(factsForPod(pod, { pod: { logs: [{ container: 'cloud-sql-proxy', previous: true, text }] } }));
    expect(finding?.title).toBe(
      'cloud-sql-proxy exits with code 1 after its last output "…arsing config: Get "https://sqladmin.googleapis.com/sql/v1beta4/projects/p/instances/db?alt=json": exec: "gcloud": executable file not found in $PATH" (exit 1, restarted 7 times, back-off 2m40s)',
    );
    expect(finding?.detail).toContain('the last thing it printed before exiting: "2021/03/04 23:27:13 errors parsing config: Get "https://sqladmin');
  });

  it('falls back to the exit code when there is neither log nor message', () => {
    const pod = podWith({ statuses: [crashLooping('api', { exitCode: 139 })] });
    const finding = crashLoop.detect(factsForPod(pod));
    expect(finding?.title).toBe('api exits with code 139 (SIGSEGV): segmentation fault (exit 139 (SIGSEGV), restarted 6 times, back-off 2m40s)');
    expect(finding?.detail).toContain('run kubectl logs --previous');
  });

  it('reports a failed Job pod whose container exited non-zero, from its current log', () => {
    const pod = podWith({
      restartPolicy: 'Never',
      phase: 'Failed',
      statuses: [{ name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 1, reason: 'Error', startedAt: minutesAgo(5), finishedAt: minutesAgo(4) } } }],
    });
    const finding = crashLoop.detect(factsForPod(pod, { pod: { logs: [{ container: 'api', previous: false, text: 'Error: relation "orders" does not exist\n' }] } }));
    expect(finding?.title).toBe('api exits after logging "Error: relation "orders" does not exist" (exit 1, not restarted)');
  });

  it('stays quiet about a crash days ago on a container Running and Ready since', () => {
    const since = minutesAgo(3 * 24 * 60);
    const pod = podWith({ conditions: readyConditions(since), statuses: [runningAfter('api', since, { exitCode: 1, startedAt: minutesAgo(3 * 24 * 60 + 2), finishedAt: since })] });
    expect(crashLoop.detect(factsForPod(pod, previousLog('panic: boom\n')))).toBeUndefined();
  });

  it('stays quiet about a Succeeded pod whose native sidecar exited non-zero', () => {
    const pod = podWith({
      phase: 'Succeeded',
      restartPolicy: 'Never',
      initContainers: [{ name: 'istio-proxy', restartPolicy: 'Always' }],
      initStatuses: [{ name: 'istio-proxy', ready: false, restartCount: 0, state: { terminated: { exitCode: 143, reason: 'Error', finishedAt: minutesAgo(1) } } }],
      statuses: [{ name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: minutesAgo(1) } } }],
    });
    expect(crashLoop.detect(factsForPod(pod))).toBeUndefined();
  });

  it('leaves OOM kills, probe kills and start failures to their own detectors', () => {
    const oom = podWith({ statuses: [crashLooping('api', { exitCode: 137, reason: 'OOMKilled' })] });
    expect(crashLoop.detect(factsForPod(oom))).toBeUndefined();

    const probed = podWith({ statuses: [crashLooping('api', { exitCode: 137 })] });
    const kill = kubeletEvent(probed, 'Killing', 'Container api failed liveness probe, will be restarted', { last: minutesAgo(2.5) });
    expect(crashLoop.detect(factsForPod(probed, { events: [kill] }))).toBeUndefined();

    const cannotStart = podWith({ statuses: [crashLooping('api', { exitCode: 128, reason: 'StartError', message: 'exec: "gunicorn": executable file not found in $PATH: unknown' })] });
    expect(crashLoop.detect(factsForPod(cannotStart))).toBeUndefined();
  });

  it('reports a crash that came after older probe kills', () => {
    const pod = podWith({ statuses: [crashLooping('api', { exitCode: 1 })] });
    const oldKill = kubeletEvent(pod, 'Killing', 'Container api failed liveness probe, will be restarted', { last: minutesAgo(45) });
    expect(crashLoop.detect(factsForPod(pod, { events: [oldKill], ...previousLog('FATAL: cannot open /data/db.sqlite\n') }))?.title).toContain('api exits after logging "cannot open /data/db.sqlite"');
  });

  it('masks secrets that the error quotes', () => {
    const pod = podWith({ statuses: [crashLooping('api', { exitCode: 1 })] });
    const finding = crashLoop.detect(factsForPod(pod, previousLog('level=fatal msg="cannot connect to postgres://app:hunter2@db:5432/shop"\n')));
    expect(JSON.stringify(finding)).not.toContain('hunter2');
    expect(finding?.title).toContain('postgres://app:****@db:5432/shop');
  });
});

describe('crash-loop, when the kubelet did the stopping', () => {
  it('leaves an evicted pod to evicted', () => {
    const pod = podWith({
      phase: 'Failed',
      statuses: [{ name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', finishedAt: minutesAgo(5) } } }],
    });
    pod.status!.reason = 'Evicted';
    expect(crashLoop.detect(factsForPod(pod))).toBeUndefined();
  });

  it('leaves a container stopped by the pod deletion alone', () => {
    const pod = podWith({ statuses: [{ name: 'api', ready: false, restartCount: 0, state: { terminated: { exitCode: 143, reason: 'Error', finishedAt: minutesAgo(1) } } }] });
    pod.metadata.deletionTimestamp = minutesAgo(0.5);
    pod.metadata.deletionGracePeriodSeconds = 30;
    expect(crashLoop.detect(factsForPod(pod))).toBeUndefined();
  });

  it('leaves alone a restart the kubelet imposed by recreating the pod sandbox, even with exit 0 minutes ago', () => {
    const pod = podWith({ conditions: readyConditions(minutesAgo(52)), statuses: [runningAfter('api', minutesAgo(52.9), { exitCode: 0, reason: 'Completed', startedAt: minutesAgo(400), finishedAt: minutesAgo(53) })] });
    const events = [kubeletEvent(pod, 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.', { noFieldPath: true, last: minutesAgo(53) })];
    expect(crashLoop.detect(factsForPod(pod, { events }))).toBeUndefined();
    expect(crashLoop.detect(factsForPod(pod))?.title).toContain('exits with code 0 but restartPolicy Always restarts it');
  });

  it('still reports a CrashLoopBackOff whose lastState was lost, from the back-off and the previous log', () => {
    const status = crashLooping('api', { exitCode: 1 });
    status.lastState = {};
    const pod = podWith({ statuses: [status] });
    const finding = crashLoop.detect(factsForPod(pod, previousLog('Error: ENOENT: no such file or directory, open \'/app/config/production.json\'\n    at Object.openSync (node:fs:601:3)\n    at Object.<anonymous> (/app/server.js:4:20)\n')));
    expect(finding?.title).toBe("api throws Error: ENOENT: no such file or directory, open '/app/config/production.json' at server.js:4 (CrashLoopBackOff, restarted 6 times, back-off 2m40s)");
    expect(finding?.detail).toContain('its exit code is unknown');
  });
});

describe('crash-loop, which log it reads', () => {
  it("reads the current log of a container waiting to restart when the previous one is missing: it is still the last instance's", () => {
    const pod = podWith({ statuses: [crashLooping('api', { exitCode: 1 })] });
    const finding = crashLoop.detect(factsForPod(pod, { pod: { logs: [{ container: 'api', previous: false, text: 'FATAL: missing required setting STRIPE_KEY\n' }] } }));
    expect(finding?.title).toContain('exits after logging "missing required setting STRIPE_KEY"');
  });

  it('does not read the log of a new instance that is running as the story of the one that crashed', () => {
    const pod = podWith({ statuses: [runningAfter('api', minutesAgo(1), { exitCode: 1, startedAt: minutesAgo(3), finishedAt: minutesAgo(1.1) }, { ready: false, restarts: 3 })] });
    const finding = crashLoop.detect(factsForPod(pod, { pod: { logs: [{ container: 'api', previous: false, text: 'ERROR warming cache\n' }] } }));
    expect(finding?.title).toBe('api exits with code 1: generic application error (exit 1, restarted 3 times)');
  });
});
