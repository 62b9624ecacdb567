import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../src/core/kube/types.ts';
import { likelyNamespace, replayKubeconfig } from '../../../src/serve/kubeconfig.ts';
import { startReplayServer, type ReplayServer } from '../../../src/serve/replay-server.ts';
import { loadScenario, REPO_ROOT, SHARED_EXAMPLES } from '../../support/scenarios.ts';
import { kubectlFor, kubectlVersion, parseTable, writeTempKubeconfig, KUBECTL } from './kubectl-runner.ts';

// The real kubectl against `k8s-why serve`. Skipped only on a machine without kubectl that is
// not CI; in CI (.ci/run installs kubernetes-client) a missing kubectl fails these tests.
const version = kubectlVersion();
const skip = version === undefined && !process.env.CI;
const title = skip
  ? `real kubectl (SKIPPED: "${KUBECTL}" not found and CI is unset; apt-get install kubernetes-client to run these)`
  : `real kubectl ${version ?? '(missing!)'} against k8s-why serve`;

const example = (name: string) => join(SHARED_EXAMPLES, name);
const OOM = example('01-oom-jvm-silent-api.json');
const OOM_POD = 'api-7c9d8b6f45-q8x2m';

/** A replay server on a scenario file, and kubectl pointed at it. */
async function serveFile(file: string) {
  const snapshot = loadScenario(file);
  const server = await startReplayServer({ snapshot });
  return { server, kubectl: kubectlFor(writeTempKubeconfig(replayKubeconfig(server.url, likelyNamespace(snapshot)))) };
}

describe.skipIf(skip)(title, { timeout: 60_000 }, () => {
  describe('through the k8s-why serve command', () => {
    let child: ChildProcess;
    let kubectl: ReturnType<typeof kubectlFor>;

    beforeAll(async () => {
      child = spawn(process.execPath, [join(REPO_ROOT, 'src/cli/main.ts'), 'serve', OOM], { stdio: ['ignore', 'pipe', 'pipe'] });
      let printed = '';
      const kubeconfig = await new Promise<string>((resolve, reject) => {
        child.stdout!.on('data', (chunk) => {
          printed += String(chunk);
          const path = /kubeconfig: (\S+)/.exec(printed)?.[1];
          if (path) resolve(path);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing a kubeconfig: ${printed}`)));
      });
      kubectl = kubectlFor(kubeconfig);
    }, 30_000);
    afterAll(() => {
      child.kill('SIGINT');
    });

    it('get pods: the pod, its READY and STATUS, in the kubeconfig namespace', async () => {
      const result = await kubectl('get', 'pods');
      expect(result.stderr).toBe('');
      expect(parseTable(result.stdout)).toEqual([expect.objectContaining({ NAME: OOM_POD, READY: '1/1', STATUS: 'Running', RESTARTS: expect.stringMatching(/^2\b/) })]);
    });

    it('get pods -o json: the objects as stored, with the OOMKilled last state', async () => {
      const list = JSON.parse((await kubectl('get', 'pods', '-o', 'json')).stdout) as { items: any[] };
      expect(list.items.map((pod) => pod.metadata.name)).toEqual([OOM_POD]);
      expect(list.items[0].status.containerStatuses[0].lastState.terminated).toMatchObject({ reason: 'OOMKilled', exitCode: 137 });
    });

    it('describe pod: last state, limit and the events about the pod', async () => {
      const { stdout, code } = await kubectl('describe', 'pod', OOM_POD);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Name:\s+api-7c9d8b6f45-q8x2m/);
      expect(stdout).toMatch(/Last State:\s+Terminated\n\s+Reason:\s+OOMKilled\n\s+Exit Code:\s+137/);
      expect(stdout).toMatch(/Limits:\n\s+memory:\s+2000Mi/);
      expect(stdout).toMatch(/Warning\s+Unhealthy\s+.*Readiness probe failed/);
    });

    it('logs --previous: the text of the killed instance', async () => {
      const { stdout } = await kubectl('logs', '--previous', OOM_POD);
      const recorded = loadScenario(OOM).logs[0]!.text;
      expect(stdout.trimEnd()).toBe(recorded.trimEnd());
    });

    it('get events --sort-by=.lastTimestamp: every event, oldest last seen first', async () => {
      const rows = parseTable((await kubectl('get', 'events', '--sort-by=.lastTimestamp')).stdout);
      const events = loadScenario(OOM).objects.filter((o) => o.kind === 'Event') as unknown as CoreEvent[];
      const lastSeen = new Map(events.map((event) => [event.reason, Date.parse(event.lastTimestamp!)]));
      expect(rows.map((row) => row.REASON).sort()).toEqual(events.map((event) => event.reason).sort());
      const times = rows.map((row) => lastSeen.get(row.REASON));
      expect(times).toEqual([...times].sort((a, b) => a! - b!));
      expect(rows.at(-1)).toMatchObject({ TYPE: 'Warning', REASON: 'Unhealthy', OBJECT: `pod/${OOM_POD}` });
    });
  });

  describe('on other incidents', () => {
    const servers: ReplayServer[] = [];
    afterAll(() => Promise.all(servers.map((server) => server.close())));
    const open = async (file: string) => {
      const served = await serveFile(file);
      servers.push(served.server);
      return served.kubectl;
    };

    it('get nodes: names, Ready, roles and kubelet version', async () => {
      const kubectl = await open(example('41-evicted-ephemeral-storage.json'));
      expect(parseTable((await kubectl('get', 'nodes')).stdout)).toEqual([
        expect.objectContaining({ NAME: 'control-1', STATUS: 'Ready', ROLES: 'control-plane', VERSION: 'v1.33.3' }),
        expect.objectContaining({ NAME: 'control-2', STATUS: 'Ready', ROLES: 'control-plane', VERSION: 'v1.33.3' }),
      ]);
      // The evicted pod is Failed; its container's own terminated reason is what printPod shows.
      const pods = parseTable((await kubectl('get', 'pods', '-n', 'media')).stdout);
      expect(pods.map((row) => [row.NAME, row.STATUS])).toEqual([
        ['fileflows-5f7c9d8b64-h2n9d', 'Running'],
        ['fileflows-5f7c9d8b64-w7qkp', 'Error'],
      ]);
      const evicted = await kubectl('get', 'events', '-n', 'media', '--field-selector', 'reason=Evicted');
      expect(evicted.stdout).toContain('The node was low on resource: ephemeral-storage');
    });

    it('a pull that fails: STATUS ImagePullBackOff, and logs explain there are none', async () => {
      const kubectl = await open(example('20-imagepull-tag-not-found.json'));
      const [row] = parseTable((await kubectl('get', 'pods')).stdout);
      expect(row).toMatchObject({ STATUS: 'ImagePullBackOff', READY: '0/1' });
      const logs = await kubectl('logs', row!.NAME!);
      expect(logs.code).not.toBe(0);
      expect(logs.stderr).toContain(`Error from server (BadRequest): container "tator-online" in pod "${row!.NAME}" is waiting to start: trying and failing to pull image`);
    });

    it('a crash loop: STATUS CrashLoopBackOff, the panic in logs --previous, all namespaces with -A', async () => {
      const kubectl = await open(example('04-crashloop-go-panic-stork.json'));
      const rows = parseTable((await kubectl('get', 'pods', '-A')).stdout);
      expect(rows).toEqual([expect.objectContaining({ NAMESPACE: 'kube-system', NAME: 'stork-6b9c8f7d4c-s8w2k', STATUS: 'CrashLoopBackOff' })]);
      const logs = await kubectl('logs', '-n', 'kube-system', 'stork-6b9c8f7d4c-s8w2k', '--previous', '--tail', '200');
      expect(logs.stdout).toContain('panic:');
    });

    it('a pending pod: describe shows the scheduler event, and -l filters by label', async () => {
      const kubectl = await open(example('09-pending-insufficient-memory-docker-desktop.json'));
      const described = await kubectl('describe', 'pod', 'flaskapi-pod1', '-n', 'default');
      expect(described.stdout).toMatch(/Status:\s+Pending/);
      expect(described.stdout).toMatch(/Warning\s+FailedScheduling\s+.*0\/1 nodes are available: 1 Insufficient memory\./);
      const scenario = JSON.parse(readFileSync(example('09-pending-insufficient-memory-docker-desktop.json'), 'utf8'));
      const coredns = scenario.objects.filter((o: any) => o.kind === 'Pod' && o.metadata.labels?.['k8s-app'] === 'kube-dns').map((o: any) => o.metadata.name);
      const labelled = parseTable((await kubectl('get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns')).stdout);
      expect(labelled.map((row) => row.NAME)).toEqual(coredns.sort());
    });

    it('write commands are refused: the server is read-only', async () => {
      const kubectl = await open(OOM);
      const result = await kubectl('delete', 'pod', OOM_POD, '-n', 'prod', '--wait=false');
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('the server does not allow this method on the requested resource');
    });
  });
});
