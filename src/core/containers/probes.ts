import { containerOfEvent, type TimelineEvent } from '../events/timeline.ts';
import type { Container, ContainerStateTerminated, Probe } from '../kube/types.ts';
import { redactText } from '../redaction/redact-text.ts';
import { msBetween } from '../time/elapsed.ts';

// What the kubelet's prober says about a container, read from its events. Wording across
// versions (pkg/kubelet/prober):
//   Unhealthy  "Liveness probe failed: HTTP probe failed with statuscode: 500"
//   Unhealthy  "Readiness probe errored: rpc error: code = ..."         (the probe could not run)
//   Unhealthy  "Startup probe failed: Get \"http://10.1.2.3:8080/\": dial tcp ...: connect: connection refused"
//   Killing    "Container web failed liveness probe, will be restarted"            (1.16+)
//   Killing    "Container web failed startup probe, will be restarted"
//   Killing    "Killing container with id docker://web:Container failed liveness probe.. Container
//               will be killed and recreated."                                      (up to 1.15)

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

export interface ProbeFailures {
  kind: ProbeKind;
  /** The Unhealthy events of this kind, merged by message, newest first. */
  events: TimelineEvent[];
  count: number;
  firstSeen?: string;
  lastSeen?: string;
  /** The newest failure text after "probe failed: ". */
  output: string;
  /** "probe errored": the kubelet could not run the probe at all (an exec the runtime refused, say). */
  errored: boolean;
}

export interface ProbeKills {
  kind: 'liveness' | 'startup';
  events: TimelineEvent[];
  count: number;
  lastSeen?: string;
}

// Some tools prefix the message with the fieldPath ("spec.containers{app}: Liveness probe failed: ..."),
// and client-go's event recorder, once more than 10 similar events (same reason, different
// messages: each exec failure carries its own timestamp) arrive within 10 minutes, folds them into
// one whose message starts "(combined from similar events): ".
const PREFIX = String.raw`^(?:\(combined from similar events\): )?(?:spec\.\w+\{[^}]*\}: )?`;
const UNHEALTHY = new RegExp(String.raw`${PREFIX}(Liveness|Readiness|Startup) probe (failed|errored)(?::\s*([\s\S]*))?$`);
const KILLED_FOR_PROBE = /failed (liveness|startup) probe/i;
/** The container a Killing message names, for events that carry no fieldPath. */
const KILLED_CONTAINER = [new RegExp(String.raw`${PREFIX}Container (\S+) failed (?:liveness|startup) probe`), /container with id [a-z-]+:\/\/([^:]+):/i];

function isAbout(event: TimelineEvent, container: string, soleContainer: boolean, named?: string): boolean {
  const fromPath = containerOfEvent(event);
  if (fromPath) return fromPath === container;
  if (named) return named === container;
  return soleContainer;
}

/** Unhealthy events of one probe kind for one container (all containers share the pod's events). */
export function probeFailures(
  events: readonly TimelineEvent[],
  container: string,
  kind: ProbeKind,
  soleContainer: boolean,
): ProbeFailures | undefined {
  const matching = events.filter((event) => {
    if (event.reason !== 'Unhealthy') return false;
    const match = UNHEALTHY.exec(event.message);
    return match?.[1]?.toLowerCase() === kind && isAbout(event, container, soleContainer);
  });
  if (matching.length === 0) return undefined;
  const newestFirst = [...matching].reverse();
  const newest = newestFirst[0]!;
  return {
    kind,
    events: newestFirst,
    count: matching.reduce((sum, event) => sum + event.count, 0),
    firstSeen: matching.map((e) => e.firstSeen).filter(Boolean).sort()[0],
    lastSeen: newest.lastSeen,
    output: (UNHEALTHY.exec(newest.message)?.[3] ?? '').trim(),
    errored: UNHEALTHY.exec(newest.message)?.[2] === 'errored',
  };
}

/** Killing events in which the kubelet says it restarted the container because a probe failed. */
export function probeKills(events: readonly TimelineEvent[], container: string, soleContainer: boolean): ProbeKills | undefined {
  const matching = events.filter((event) => {
    if (event.reason !== 'Killing') return false;
    if (!KILLED_FOR_PROBE.test(event.message)) return false;
    const named = KILLED_CONTAINER.map((pattern) => pattern.exec(event.message)?.[1]).find(Boolean);
    return isAbout(event, container, soleContainer, named);
  });
  if (matching.length === 0) return undefined;
  const newestFirst = [...matching].reverse();
  const kinds = new Set(matching.map((e) => KILLED_FOR_PROBE.exec(e.message)?.[1]?.toLowerCase()));
  return {
    kind: kinds.has('startup') && !kinds.has('liveness') ? 'startup' : 'liveness',
    events: newestFirst,
    count: matching.reduce((sum, event) => sum + event.count, 0),
    lastSeen: newestFirst[0]!.lastSeen,
  };
}

/**
 * Whether an ending was the kubelet's probe kill: the last Killing event came shortly before
 * the container ended (within its grace period), or after (the current instance is being killed
 * too). A Killing event long before the end belongs to an older instance: this one ended by itself.
 */
export function endedByProbeKill(kills: ProbeKills | undefined, terminated: ContainerStateTerminated, graceSeconds = 30): boolean {
  if (!kills) return false;
  const gap = msBetween(kills.lastSeen, terminated.finishedAt);
  if (gap === undefined) return true;
  return gap <= (graceSeconds + 60) * 1000;
}

/**
 * An exec probe whose command cannot run in the container: the probe fails whatever the
 * application does. The runtime says so when it cannot exec the command at all (runc via
 * dockershim, containerd or CRI-O: 'exec: "pidof": executable file not found in $PATH',
 * 'exec: "/unleash-edge": stat /unleash-edge: no such file or directory'; crun: 'executable file
 * `pidof` not found in $PATH'), and a shell says so when the probe goes through sh -c
 * ("/bin/sh: 1: curl: not found", "bash: line 1: curl: command not found", exit 127).
 */
export interface ProbeCommandFailure {
  program: string;
  problem: 'not found' | 'permission denied';
}

const Q = String.raw`\\*"`;
const PROBE_COMMAND_FAILURES: readonly { pattern: RegExp; problem: ProbeCommandFailure['problem'] }[] = [
  { pattern: new RegExp(String.raw`exec:?\s*${Q}([^"\\]+)${Q}:?\s*(?:executable file not found in \$PATH|stat \S+: no such file or directory)`), problem: 'not found' },
  { pattern: new RegExp(String.raw`exec:?\s*${Q}([^"\\]+)${Q}:?\s*permission denied`), problem: 'permission denied' },
  { pattern: /executable file `([^`]+)` not found in \$PATH/, problem: 'not found' },
  { pattern: /(?:^|\n)\S*(?:sh|bash):\s*(?:line \d+: |\d+: )?(\S+): (?:command )?not found\s*(?:\n|$)/, problem: 'not found' },
  { pattern: /(?:^|\n)\S*(?:sh|bash):\s*(?:line \d+: |\d+: )?(\S+): Permission denied\s*(?:\n|$)/, problem: 'permission denied' },
];

export function probeCommandFailure(output: string): ProbeCommandFailure | undefined {
  for (const { pattern, problem } of PROBE_COMMAND_FAILURES) {
    const program = pattern.exec(output)?.[1];
    if (program) return { program, problem };
  }
  return undefined;
}

/** A short name for what the probe got back: "HTTP 503", "timed out", "connection refused". */
export function probeOutcome(output: string): string {
  const command = probeCommandFailure(output);
  if (command) return `probe command "${command.program}" ${command.problem}`;
  const status = /statuscode: (\d{3})/.exec(output);
  if (status) return `HTTP ${status[1]}`;
  if (/connection refused/i.test(output)) return 'connection refused';
  if (/Client\.Timeout exceeded|context deadline exceeded|i\/o timeout|timed out|timeout:/i.test(output)) return 'timed out';
  if (/no route to host/i.test(output)) return 'no route to host';
  if (/connection reset by peer/i.test(output)) return 'connection reset';
  if (/x509|certificate|tls:/i.test(output)) return 'TLS error';
  if (/\bEOF\b/.test(output)) return 'connection closed (EOF)';
  const first = output.split('\n').find((line) => line.trim()) ?? '';
  if (!first) return 'failed with no output';
  return first.length > 100 ? `${first.slice(0, 99)}…` : first;
}

/** The probe of one kind in a container spec. */
export function probeOf(container: Container | undefined, kind: ProbeKind): Probe | undefined {
  if (!container) return undefined;
  return kind === 'liveness' ? container.livenessProbe : kind === 'readiness' ? container.readinessProbe : container.startupProbe;
}

/** API defaults, applied by the server; synthetic objects may omit them. */
export function probeTimings(probe: Probe) {
  return {
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    periodSeconds: probe.periodSeconds ?? 10,
    successThreshold: probe.successThreshold ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

/**
 * What the probe does: "GET http://<pod IP>:8080/healthz", "TCP :5432", "exec [pg_isready]", "gRPC :9000".
 * The kubelet probes the pod's IP when httpGet.host is unset, so say so rather than print an empty host.
 * Redacted: probe paths and commands carry keys ("/health?health_access_key=...", "redis-cli -a pass").
 */
export function probeAction(probe: Probe): string {
  return redactText(rawProbeAction(probe));
}

function rawProbeAction(probe: Probe): string {
  if (probe.httpGet) {
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    return `GET ${scheme}://${probe.httpGet.host ?? '<pod IP>'}:${probe.httpGet.port ?? ''}${probe.httpGet.path ?? '/'}`;
  }
  if (probe.tcpSocket) return `TCP :${probe.tcpSocket.port ?? ''}`;
  if (probe.grpc) return `gRPC :${probe.grpc.port ?? ''}${probe.grpc.service ? ` service ${probe.grpc.service}` : ''}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}]`;
  return 'no handler';
}

/** kubectl describe's one-line form: "GET http://<pod IP>:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3". */
export function describeProbe(probe: Probe): string {
  const t = probeTimings(probe);
  return `${probeAction(probe)} delay=${t.initialDelaySeconds}s timeout=${t.timeoutSeconds}s period=${t.periodSeconds}s #success=${t.successThreshold} #failure=${t.failureThreshold}`;
}

/** How long a probe tolerates failure before it acts: initial delay plus failureThreshold periods. */
export function probeGraceSeconds(probe: Probe): number {
  const t = probeTimings(probe);
  return t.initialDelaySeconds + t.failureThreshold * t.periodSeconds;
}

/** Template values for the playbooks: {{probe}}, {{probeAction}}, {{periodSeconds}} ... */
export function probeVars(kind: ProbeKind, probe: Probe | undefined): Record<string, string> {
  const vars: Record<string, string> = { probe: kind };
  if (!probe) return vars;
  const t = probeTimings(probe);
  vars.probeAction = probeAction(probe);
  vars.probeType = probe.httpGet ? 'httpGet' : probe.tcpSocket ? 'tcpSocket' : probe.grpc ? 'grpc' : probe.exec ? 'exec' : 'none';
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  if (port !== undefined) vars.probePort = String(port);
  if (probe.httpGet?.path) vars.probePath = redactText(probe.httpGet.path);
  vars.initialDelaySeconds = String(t.initialDelaySeconds);
  vars.timeoutSeconds = String(t.timeoutSeconds);
  vars.periodSeconds = String(t.periodSeconds);
  vars.failureThreshold = String(t.failureThreshold);
  return vars;
}

/**
 * A numeric probe port that the container does not declare. Not proof (ports need not be
 * declared), so callers word it as a hint; a named port that matches nothing is certain to fail.
 */
export function undeclaredProbePort(probe: Probe, container: Container | undefined): string | undefined {
  const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  const declared = container?.ports ?? [];
  if (port === undefined || declared.length === 0) return undefined;
  if (typeof port === 'number' || /^\d+$/.test(port)) {
    return declared.some((p) => p.containerPort === Number(port)) ? undefined : String(port);
  }
  return declared.some((p) => p.name === port) ? undefined : port;
}
