// npm run bench: how long a diagnosis takes and how many round trips it costs, measured, not
// asserted. Results are written down in docs/benchmarks.md with the machine and the date.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { productionOptions } from '../src/app/diagnose-options.ts';
import { diagnose } from '../src/core/diagnose.ts';
import { triage } from '../src/core/triage.ts';
import { openLiveReader } from '../src/live/open-live-reader.ts';
import { REPLAY_CONTEXT, replayKubeconfig } from '../src/serve/kubeconfig.ts';
import { startReplayServer } from '../src/serve/replay-server.ts';
import { readSnapshotFile } from '../src/snapshot/read-snapshot-file.ts';

const root = resolve(import.meta.dirname, '..');
/** A round trip to a real API server in the same region; the replay server waits this long. */
const API_LATENCY_MS = 20;

const app = productionOptions();
if (!app.ok) throw new Error(app.error);
const options = app.options;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

async function liveReaderFor(url: string) {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'k8s-why-bench-')), 'kubeconfig');
  writeFileSync(kubeconfig, replayKubeconfig(url, 'default'));
  const opened = await openLiveReader({ kubeconfig, context: REPLAY_CONTEXT, env: {} });
  if (!opened.ok) throw new Error(opened.error);
  return opened.reader;
}

const files = ['test/scenarios', '../shared/scenarios/examples'].flatMap((dir) => {
  try {
    return readdirSync(join(root, dir)).filter((f) => f.endsWith('.json')).map((f) => join(root, dir, f));
  } catch {
    return [];
  }
});

const snapshotTimes: number[] = [];
const liveTimes: number[] = [];
const requests: number[] = [];
const waves: number[] = [];
for (const file of files) {
  const opened = await readSnapshotFile(file);
  if (!opened.ok || !opened.snapshot.ask) continue;
  const ask = opened.snapshot.ask;
  const now = opened.reader.capturedAt;
  await diagnose(opened.reader, ask, { ...options, now });
  const runs: number[] = [];
  for (let i = 0; i < 10; i++) runs.push((await timed(() => diagnose(opened.reader, ask, { ...options, now })))[1]);
  snapshotTimes.push(median(runs));

  const server = await startReplayServer({ snapshot: opened.snapshot, reader: opened.reader, latencyMs: API_LATENCY_MS });
  const live = await liveReaderFor(server.url);
  const [, ms] = await timed(() => diagnose(live, ask, { ...options, now }));
  const traffic = server.traffic();
  liveTimes.push(ms);
  requests.push(traffic.requests);
  waves.push(traffic.waves);
  await server.close();
}

const demo = await readSnapshotFile(join(root, 'demo/shop.json'));
if (!demo.ok) throw new Error(demo.error);
const demoServer = await startReplayServer({ snapshot: demo.snapshot, reader: demo.reader, latencyMs: API_LATENCY_MS });
const [triaged, triageMs] = await timed(async () => triage(await liveReaderFor(demoServer.url), { namespace: 'shop' }, { ...options, now: demo.reader.capturedAt }));
const triageTraffic = demoServer.traffic();
await demoServer.close();

const coldStarts: number[] = [];
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  // Exit code 1 means "something found": the answer, not a failure.
  const run = spawnSync(process.execPath, [join(root, 'bin/k8s-why.js'), 'why', 'api-7d9f8c6b5-x2x7q', '-n', 'shop', '--snapshot', join(root, 'demo/shop.json')], { stdio: 'ignore' });
  if (run.status !== 1) throw new Error(`cold-start run exited ${run.status}`);
  coldStarts.push(performance.now() - start);
}

const max = (values: number[]) => Math.max(...values);
const p = (n: number) => `${n.toFixed(1)} ms`;
console.log(`# k8s-why benchmarks, ${new Date().toISOString().slice(0, 10)}`);
console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}\n`);
console.log('| measure | value |\n| --- | --- |');
console.log(`| scenarios | ${snapshotTimes.length} |`);
console.log(`| diagnosis from a snapshot, median of per-scenario medians | ${p(median(snapshotTimes))} |`);
console.log(`| diagnosis from a snapshot, slowest scenario | ${p(max(snapshotTimes))} |`);
console.log(`| diagnosis over HTTP (${API_LATENCY_MS} ms per API round trip), median | ${p(median(liveTimes))} |`);
console.log(`| diagnosis over HTTP, slowest scenario | ${p(max(liveTimes))} |`);
console.log(`| API requests per diagnosis, median / max | ${median(requests)} / ${max(requests)} |`);
console.log(`| round-trip waves per diagnosis, median / max | ${median(waves)} / ${max(waves)} |`);
console.log(`| triage of the demo shop over HTTP (${triaged.diagnoses.length} answers) | ${p(triageMs)}, ${triageTraffic.requests} requests in ${triageTraffic.waves} waves |`);
console.log(`| CLI cold start to answer (why, snapshot), median of 5 | ${p(median(coldStarts))} |`);
console.log(`| heap used after all runs | ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB |`);
