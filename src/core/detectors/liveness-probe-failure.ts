import { formatDuration, msBetween, msSince } from '../time/elapsed.ts';
import { eventEvidence } from '../containers/event-evidence.ts';
import {
  describeProbe,
  endedByProbeKill,
  probeFailures,
  probeGraceSeconds,
  probeKills,
  probeOf,
  probeAction,
  probeCommandFailure,
  probeOutcome,
  probeTimings,
  probeVars,
  undeclaredProbePort,
  type ProbeFailures,
  type ProbeKills,
} from '../containers/probes.ts';
import { restartRecency } from '../containers/restart-recency.ts';
import { describeTermination, latestTermination } from '../containers/termination.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { runningContainers, type ContainerView } from '../kube/pod-status.ts';
import type { Probe } from '../kube/types.ts';
import { clip } from '../logs/crash-signatures.ts';
import { redactText } from '../redaction/redact-text.ts';
import type { Detector } from './detector.ts';

// The kubelet restarts a container whose liveness (or startup) probe fails failureThreshold
// times in a row. It looks like a crash loop (restarts, CrashLoopBackOff, exit 137 after
// SIGKILL or 143 after a handled SIGTERM, or 0 for a process that shuts down cleanly), but the
// program did not die by itself: the kubelet killed it, and says so in a Killing event ("Container
// web failed liveness probe, will be restarted"; before 1.16 "Killing container with id
// docker://web:Container failed liveness probe.. Container will be killed and recreated.").
// Told apart from: OOMKilled (the kernel's kill: oom-killed), an application crash (exit 1/2 with
// no probe kill when it ended: crash-loop) and a readiness-only failure (no restarts).

/** How long after their last occurrence probe kills still describe the present. */
const RECENT_KILL_MS = 60 * 60 * 1000;
/** Exit codes of a process stopped from outside: SIGTERM handled (143), SIGKILL (137), or a clean shutdown (0). */
const STOPPED_FROM_OUTSIDE = new Set([0, 137, 143]);

interface ProbeRestart {
  view: ContainerView;
  kind: 'liveness' | 'startup';
  kills?: ProbeKills;
  failures?: ProbeFailures;
  probe?: Probe;
}

function probeRestarts(facts: Facts): ProbeRestart[] {
  const pod = facts.pod!;
  const sole = pod.pod.spec.containers.length + (pod.pod.spec.initContainers?.length ?? 0) === 1;
  const found: ProbeRestart[] = [];
  for (const view of runningContainers(pod.pod)) {
    const ending = latestTermination(view);
    if (ending?.terminated.reason === 'OOMKilled') continue;
    const kills = probeKills(pod.events, view.name, sole);
    const liveness = probeFailures(pod.events, view.name, 'liveness', sole);
    const startup = probeFailures(pod.events, view.name, 'startup', sole);
    const recentKill = kills !== undefined && (msSince(kills.lastSeen, facts.now) ?? 0) < RECENT_KILL_MS;
    const restartNow = ending !== undefined && (ending.current || restartRecency(view, facts.now).current);
    let explained: boolean;
    if (kills) {
      // The latest ending must be the kill, not a crash that came after older kills.
      explained = (recentKill || restartNow) && (!ending || endedByProbeKill(kills, ending.terminated, pod.pod.spec.terminationGracePeriodSeconds ?? 30));
    } else {
      // Killing events expired or were not kept: failures plus a restart that ended the way a kill ends.
      explained = (liveness ?? startup) !== undefined && restartNow && STOPPED_FROM_OUTSIDE.has(ending!.terminated.exitCode);
    }
    if (!explained) continue;
    const newestStartup = startup && (!liveness || (startup.lastSeen ?? '') > (liveness.lastSeen ?? ''));
    const kind = kills?.kind ?? (newestStartup ? 'startup' : 'liveness');
    found.push({ view, kind, kills, failures: kind === 'startup' ? (startup ?? liveness) : (liveness ?? startup), probe: probeOf(view.spec, kind) });
  }
  return found.sort((a, b) => (b.kills?.count ?? 0) - (a.kills?.count ?? 0));
}

/** What the failure text and the probe's settings say about why the probe fails. */
function diagnoseProbe(restart: ProbeRestart, outcome: string, previousRunMs: number | undefined): string[] {
  const notes: string[] = [];
  const probe = restart.probe;
  if (!probe) return notes;
  const t = probeTimings(probe);
  const grace = probeGraceSeconds(probe);
  const startupProbe = restart.view.spec?.startupProbe;
  // The probe's own command cannot run: it fails however healthy the program is, so how soon
  // the kill comes says nothing about the program's start-up.
  const command = restart.failures ? probeCommandFailure(restart.failures.output) : undefined;
  if (command) {
    notes.push(
      command.problem === 'not found'
        ? `the probe's own command "${command.program}" does not exist in the container's image, so the probe fails however healthy ${restart.view.name} is: use a command the image has (or an httpGet or tcpSocket probe)`
        : `the probe's own command "${command.program}" is not executable by the container's user, so the probe fails however healthy ${restart.view.name} is`,
    );
    return notes;
  }
  // Killed about as soon as the probe could kill it: the program had not finished starting.
  const killedWhileStarting = previousRunMs !== undefined && previousRunMs / 1000 <= grace + t.timeoutSeconds * t.failureThreshold + 30;
  if (killedWhileStarting && (restart.kind === 'startup' || !startupProbe)) {
    const fix = restart.kind === 'startup' ? "raise the startup probe's failureThreshold" : 'add a startupProbe or raise initialDelaySeconds';
    notes.push(
      `each instance is killed about ${formatDuration(previousRunMs)} after it starts, which is all the ${restart.kind} probe allows (initialDelaySeconds ${t.initialDelaySeconds} + failureThreshold ${t.failureThreshold} × periodSeconds ${t.periodSeconds} = ${grace}s): if the program needs longer to start, ${fix}`,
    );
  }
  if (outcome === 'timed out') {
    notes.push(`the endpoint answers slower than timeoutSeconds ${t.timeoutSeconds}s (load, GC pauses, or a health check that waits on a database or another service)`);
  } else if (outcome === 'connection refused') {
    const port = undeclaredProbePort(probe, restart.view.spec);
    notes.push(
      port
        ? `nothing accepts connections on the probed port ${port}, which is not among the container's declared ports (${(restart.view.spec?.ports ?? []).map((p) => p.containerPort).join(', ')})`
        : 'nothing accepts connections on the probed port: the server is not (yet) listening there, or listens on localhost only',
    );
  } else if (/^HTTP 404$/.test(outcome)) {
    notes.push(`the probed path ${probe.httpGet?.path ?? '/'} does not exist in the application (HTTP 404)`);
  } else if (/^HTTP 5\d\d$/.test(outcome)) {
    notes.push('the health endpoint itself reports failure: check what it checks (a liveness check that depends on a database restarts every replica when the database blips)');
  }
  return notes;
}

export const livenessProbeFailure: Detector = {
  id: 'liveness-probe-failure',
  priority: 65,
  detect(facts: Facts): FindingDraft | undefined {
    if (!facts.pod || facts.pod.pod.status?.phase === 'Succeeded') return undefined;
    const restart = probeRestarts(facts)[0];
    if (!restart) return undefined;
    const { view, kind, kills, failures, probe } = restart;
    const ending = latestTermination(view);
    const restarts = view.status?.restartCount ?? 0;
    const outcome = failures ? probeOutcome(failures.output) : 'failed';
    const previousRun = msBetween(ending?.terminated.startedAt, ending?.terminated.finishedAt);

    const evidence: Evidence[] = [];
    if (failures) evidence.push(eventEvidence(failures.events[0]!, facts.now));
    if (kills) evidence.push(eventEvidence(kills.events[0]!, facts.now));
    if (probe) evidence.push({ kind: 'spec', source: `spec.containers[${view.name}].${kind}Probe`, text: describeProbe(probe) });
    if (ending) evidence.push({ kind: 'status', source: ending.path, text: describeTermination(ending.terminated) });
    const notes = diagnoseProbe(restart, outcome, previousRun);
    for (const note of notes) evidence.push({ kind: 'computed', source: `${kind} probe settings vs failures`, text: note });

    const action = probe ? clip(probeAction(probe), 80) : `${kind} probe`;
    const failCount = failures ? `${failures.count} failure${failures.count === 1 ? '' : 's'}` : '';
    const killCount = kills ? `killed ${kills.count} time${kills.count === 1 ? '' : 's'}` : `restarted ${restarts} time${restarts === 1 ? '' : 's'}`;
    const title = `${view.name} is restarted by its failing ${kind} probe (${action}: ${outcome}; ${[failCount, killCount].filter(Boolean).join(', ')})`;
    const detail = [
      `The kubelet kills and restarts ${view.name} because its ${kind} probe${probe ? ` (${action})` : ''} fails${probe ? ` ${probeTimings(probe).failureThreshold} times in a row` : ''}; the program did not exit by itself.`,
      failures ? `${failures.errored ? 'The kubelet could not run the probe' : 'The probe gets'}: ${redactText(failures.output || 'no output')}.` : '',
      notes.length ? `Likely why: ${notes[0]}.` : '',
    ]
      .filter(Boolean)
      .join(' ');

    const ruledOut: string[] = [];
    if (ending) ruledOut.push(`OOMKilled: the last instance ended with reason ${ending.terminated.reason ?? 'none'}, exit ${ending.terminated.exitCode}`);
    ruledOut.push(kills ? 'application crash: the kubelet killed the container (Killing event), it did not exit on its own' : `application crash: exit ${ending?.terminated.exitCode} is how a stopped process ends, not a program error`);
    ruledOut.push(`readiness-only failure: ${kind} failures restart the container (${restarts} restarts); readiness failures never do`);

    const vars: Record<string, string> = { container: view.name, restarts: String(restarts), probeOutcome: outcome, ...probeVars(kind, probe) };
    if (ending) vars.exitCode = String(ending.terminated.exitCode);
    if (failures?.output) vars.probeOutput = redactText(failures.output);
    return { id: 'liveness-probe-failure', title, detail, evidence, ruledOut, vars, container: view.name };
  },
};
