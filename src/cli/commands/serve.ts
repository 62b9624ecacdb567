import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readSnapshotFile } from '../../snapshot/read-snapshot-file.ts';
import { FAULT_SYNTAX, parseDuration, parseFaultSpec } from '../../serve/fault-spec.ts';
import type { Fault } from '../../serve/faults.ts';
import { likelyNamespace, REPLAY_CONTEXT, replayKubeconfig } from '../../serve/kubeconfig.ts';
import { isLoopback, startReplayServer } from '../../serve/replay-server.ts';
import type { CliIo } from '../cli-io.ts';
import { EXIT, type ExitCode } from '../exit-codes.ts';

const USAGE = `serve FILE [--port N] [--address 127.0.0.1] [--latency DURATION] [--fault ${FAULT_SYNTAX.split(' where')[0]}]...`;

const HELP = `k8s-why ${USAGE}

Serves a snapshot (FORMAT.md) as a read-only Kubernetes API on loopback, faithful enough for
kubectl and client libraries, and writes a kubeconfig that points at it.

  --port N            port to listen on (default 0: any free port)
  --address ADDR      loopback address to listen on (default 127.0.0.1)
  --latency DURATION  delay before every answer (250ms, 1s)
  --fault SPEC        ${FAULT_SYNTAX}; repeatable, first match wins
                      e.g. --fault '**/log=403' --fault '**/events=500,times=1' --fault '/api/v1/nodes/*=stall:5s'

Traffic counts: GET /_k8s-why/traffic (DELETE to reset). Stop with Ctrl-C.
`;

interface ServeFlags {
  file: string;
  port: number;
  address: string;
  latencyMs: number;
  faults: Fault[];
  /** The --fault values as typed, to echo back. */
  faultSpecs: string[];
}

/** `k8s-why serve FILE`: runs until `stop` settles, or until SIGINT/SIGTERM when none is given. */
export async function runServe(args: readonly string[], io: CliIo, stop?: Promise<unknown>): Promise<ExitCode> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(HELP);
    return EXIT.healthy;
  }
  const flags = parseServeFlags(args);
  if ('error' in flags) {
    io.stderr.write(`error: ${flags.error}\nusage: k8s-why ${USAGE}\n`);
    return EXIT.usage;
  }
  const opened = await readSnapshotFile(flags.file);
  if (!opened.ok) {
    io.stderr.write(`error: ${opened.error}\n`);
    return EXIT.unreadable;
  }
  let server;
  try {
    server = await startReplayServer({ snapshot: opened.snapshot, reader: opened.reader, port: flags.port, address: flags.address, latencyMs: flags.latencyMs, faults: flags.faults });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'address already in use (--port 0 picks a free one)' : (error as Error).message;
    io.stderr.write(`error: cannot listen on ${flags.address}:${flags.port}: ${why}\n`);
    return EXIT.unreadable;
  }
  const dir = await mkdtemp(join(tmpdir(), 'k8s-why-serve-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const namespace = likelyNamespace(opened.snapshot);
  await writeFile(kubeconfig, replayKubeconfig(server.url, namespace), { mode: 0o600 });

  const counts = ['Pod', 'Event', 'Node'].map((kind) => {
    const count = opened.snapshot.objects.filter((o) => o.kind === kind).length;
    return `${count} ${kind.toLowerCase()}${count === 1 ? '' : 's'}`;
  });
  const injected = [...(flags.latencyMs ? [`latency ${flags.latencyMs}ms`] : []), ...flags.faultSpecs.map((spec) => `fault ${spec}`)];
  io.stdout.write(
    `Serving ${basename(flags.file)} (${counts.join(', ')}) as a read-only Kubernetes API at ${server.url}\n` +
      `kubeconfig: ${kubeconfig} (context ${REPLAY_CONTEXT}, namespace ${namespace})\n\n` +
      `  kubectl --kubeconfig ${kubeconfig} get pods\n` +
      `  export KUBECONFIG=${kubeconfig}\n\n` +
      (injected.length > 0 ? `Injected: ${injected.join('; ')}\n` : '') +
      `Traffic: ${server.url}/_k8s-why/traffic\nStop with Ctrl-C.\n`,
  );

  await (stop ?? untilSignalled());
  const traffic = server.traffic();
  await server.close();
  await rm(dir, { recursive: true, force: true });
  io.stdout.write(`Stopped after ${traffic.requests} requests in ${traffic.waves} waves.\n`);
  return EXIT.healthy;
}

function untilSignalled(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

export function parseServeFlags(args: readonly string[]): ServeFlags | { error: string } {
  const flags: Omit<ServeFlags, 'file'> & { file?: string } = { port: 0, address: '127.0.0.1', latencyMs: 0, faults: [], faultSpecs: [] };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const [name, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (!name.startsWith('-')) {
      if (flags.file) return { error: `serve takes one snapshot file, got ${flags.file} and ${word}` };
      flags.file = word;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) return { error: `${name} needs a value` };
    if (name === '--port') {
      if (!/^\d+$/.test(value) || Number(value) > 65535) return { error: `--port ${value}: expected a port number (0 for any free port)` };
      flags.port = Number(value);
    } else if (name === '--address') {
      if (!isLoopback(value)) return { error: `--address ${value}: the replay server has no authentication, so it listens on loopback only (127.0.0.1, ::1)` };
      flags.address = value;
    } else if (name === '--latency') {
      const ms = parseDuration(value);
      if (ms === undefined || !Number.isFinite(ms)) return { error: `--latency ${value}: expected a duration such as 50ms or 1s` };
      flags.latencyMs = ms;
    } else if (name === '--fault') {
      const fault = parseFaultSpec(value);
      if ('error' in fault) return fault;
      flags.faults.push(fault);
      flags.faultSpecs.push(value);
    } else {
      return { error: `unknown flag ${name} for serve: use --port, --address, --latency or --fault` };
    }
  }
  if (!flags.file) return { error: 'serve needs a snapshot file (e.g. k8s-why serve incident.json)' };
  return flags as ServeFlags;
}
