import { timeOf } from '../time/elapsed.ts';
import { eventEvidence } from '../containers/event-evidence.ts';
import { exitCodeMeaning, formatExitCode } from '../containers/exit-codes.ts';
import { endedFromOutside } from '../containers/outside-endings.ts';
import { endedByProbeKill, probeKills } from '../containers/probes.ts';
import { restartRecency } from '../containers/restart-recency.ts';
import { startFailureOf } from '../containers/start-failures.ts';
import { describeTermination, latestTermination, logOfEnding, statusPath, type Termination } from '../containers/termination.ts';
import { containerOfEvent } from '../events/timeline.ts';
import type { Facts, PodFacts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { runningContainers, type ContainerView } from '../kube/pod-status.ts';
import { findFirstError, type FirstError } from '../logs/first-error.ts';
import { clipStart, lastStatement, logLines } from '../logs/log-lines.ts';
import { clip } from '../logs/crash-signatures.ts';
import { redactCommand } from '../redaction/redact-env.ts';
import { redactText } from '../redaction/redact-text.ts';
import type { Detector } from './detector.ts';

// The process exits by itself, again and again: CrashLoopBackOff (waiting, "back-off 5m0s
// restarting failed container=api pod=..."), or Error/Completed between restarts, or a Failed
// pod whose container exited non-zero under restartPolicy Never/OnFailure. What a person needs
// is why: the exit code's meaning and the first error of the previous instance's output (or
// its termination message, which FallbackToLogsOnError fills with the log's tail).
// Not ours: OOMKilled (oom-killed), probe kills (liveness-probe-failure), a process that never
// started (container-cannot-run), init containers (init-container-failure), a crash long ago
// that the container has since outlived, a stop that came from outside (containers/outside-endings.ts),
// and a Succeeded pod (a sidecar's exit code there is
// not the pod's outcome).

interface Crash {
  view: ContainerView;
  /** Undefined when the status no longer records the ending (lastState is empty after some kubelet restarts). */
  ending?: Termination;
  waitingReason?: string;
  backoff?: string;
}

/** Endings the kubelet caused by stopping the pod: not the program's doing. */
function stoppedByKubelet(pod: PodFacts, ending: Termination): boolean {
  // Evicted, DeadlineExceeded, NodeShutdown, UnexpectedAdmissionError ...: the pod's own reason explains the kill.
  if (pod.pod.status?.phase === 'Failed' && pod.pod.status.reason) return true;
  if (ending.terminated.reason === 'ContainerStatusUnknown') return true;
  const deletion = timeOf(pod.pod.metadata.deletionTimestamp);
  const finished = timeOf(ending.terminated.finishedAt);
  const grace = (pod.pod.metadata.deletionGracePeriodSeconds ?? pod.pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
  return deletion !== undefined && (finished === undefined || finished >= deletion - grace);
}

function crashes(pod: PodFacts, now: Date): Crash[] {
  const restartPolicy = pod.pod.spec.restartPolicy ?? 'Always';
  const sole = pod.pod.spec.containers.length + (pod.pod.spec.initContainers?.length ?? 0) === 1;
  const found: Crash[] = [];
  for (const view of runningContainers(pod.pod)) {
    const ending = latestTermination(view);
    const waiting = view.status?.state?.waiting;
    const backoff = /back-off (\S+) restarting failed container/i.exec(waiting?.message ?? '')?.[1];
    if (!ending) {
      // The back-off itself is the evidence that it keeps exiting, even when lastState was lost.
      if (waiting?.reason === 'CrashLoopBackOff' && !probeKills(pod.events, view.name, sole)) found.push({ view, waitingReason: waiting.reason, backoff });
      continue;
    }
    const { terminated } = ending;
    if (terminated.reason === 'OOMKilled' || stoppedByKubelet(pod, ending)) continue;
    // Stopped with the whole pod or node (sandbox recreated, node rebooted) and running again: not the program's doing.
    if (view.status?.state?.running && endedFromOutside(pod, terminated)) continue;
    if (!ending.current && !restartRecency(view, now).current) continue;
    // A clean exit is a crash only where the container is meant to run forever.
    const policy = view.sidecar ? 'Always' : restartPolicy;
    if (terminated.exitCode === 0 && policy !== 'Always') continue;
    const grace = pod.pod.spec.terminationGracePeriodSeconds ?? 30;
    if (endedByProbeKill(probeKills(pod.events, view.name, sole), terminated, grace)) continue;
    if (startFailureOf(view, pod.events, pod.logs, sole)) continue;
    found.push({ view, ending, waitingReason: waiting?.reason, backoff });
  }
  // The container in back-off with the most restarts is the one to read first.
  const weight = (c: Crash) => (c.waitingReason === 'CrashLoopBackOff' ? 1e6 : 0) + (c.view.status?.restartCount ?? 0);
  return found.sort((a, b) => weight(b) - weight(a));
}

/** The first error of the instance that ended: its log, else its termination message. */
function errorOf(pod: PodFacts, crash: Crash): { error?: FirstError; lines: string[]; source: string } | undefined {
  const log = logOfEnding(crash.view, crash.ending, pod.logs);
  if (log) {
    const lines = logLines(log.text);
    return { error: findFirstError(lines), lines, source: `log ${crash.view.name} (${log.previous ? 'previous' : 'current'})` };
  }
  const message = crash.ending?.terminated.message;
  if (crash.ending && message?.trim()) {
    const lines = logLines(message);
    return { error: findFirstError(lines), lines, source: `${crash.ending.path}.message` };
  }
  return undefined;
}

export const crashLoop: Detector = {
  id: 'crash-loop',
  priority: 70,
  detect(facts: Facts): FindingDraft | undefined {
    const pod = facts.pod;
    if (!pod || pod.pod.status?.phase === 'Succeeded') return undefined;
    const crash = crashes(pod, facts.now)[0];
    if (!crash) return undefined;
    const { view, ending } = crash;
    if (!ending) return withoutEnding(facts, pod, crash);
    const terminated = ending.terminated;
    const restartPolicy = view.sidecar ? 'Always' : (pod.pod.spec.restartPolicy ?? 'Always');
    const meaning = exitCodeMeaning(terminated.exitCode, restartPolicy);
    const restarts = view.status?.restartCount ?? 0;

    const evidence: Evidence[] = [{ kind: 'status', source: ending.path, text: describeTermination(terminated) }];
    evidence.push(...waitingAndBackOff(facts, pod, view));

    const found = errorOf(pod, crash);
    const error = found?.error;
    evidence.push(...errorEvidence(found));
    if (terminated.message?.trim() && found?.source !== `${ending.path}.message`) {
      evidence.push({ kind: 'status', source: `${ending.path}.message`, text: redactText(clip(terminated.message, 300)) });
    }
    const command = [...(view.spec?.command ?? []), ...(view.spec?.args ?? [])];
    if (terminated.exitCode === 0 && command.length > 0) {
      evidence.push({ kind: 'spec', source: `spec.containers[${view.name}].command`, text: redactCommand(command) });
    }

    const counts = [formatExitCode(terminated.exitCode), restarts > 0 ? `restarted ${restarts} time${restarts === 1 ? '' : 's'}` : 'not restarted', crash.backoff ? `back-off ${crash.backoff}` : '']
      .filter(Boolean)
      .join(', ');
    // No error line: a program that exits non-zero usually says why in its last words.
    const last = !error && terminated.exitCode !== 0 && found ? lastStatement(found.lines) : undefined;
    let title: string;
    if (terminated.exitCode === 0) {
      title = `${view.name} exits with code 0 but restartPolicy Always restarts it: its command finishes (${counts})`;
    } else if (error) {
      title = `${view.name} ${errorPhrase(error)} (${counts})`;
    } else if (last) {
      title = `${view.name} exits with code ${terminated.exitCode} after its last output "${clipStart(redactText(last), 150)}" (${counts})`;
    } else {
      title = `${view.name} exits with code ${terminated.exitCode}${meaning.signal ? ` (${meaning.signal})` : ''}: ${meaning.meaning.split(':')[0]} (${counts})`;
    }

    const detailParts = [
      `${view.name} ${ending.current ? 'ended' : 'keeps ending'} with exit code ${terminated.exitCode}: ${meaning.meaning}.`,
    ];
    if (error) detailParts.push(`The ${found!.source.startsWith('log') ? 'output' : 'termination message'} of the instance that ended shows the first error: ${redactText(error.summary)}${error.location ? ` (${error.location})` : ''}.`);
    else if (last) detailParts.push(`No line of its output is marked as an error; the last thing it printed before exiting: "${clipStart(redactText(last), 400)}".`);
    else if (!found) detailParts.push('Its output could not be read and it left no termination message: run kubectl logs --previous.');
    if (crash.waitingReason === 'CrashLoopBackOff') detailParts.push(`The kubelet waits${crash.backoff ? ` ${crash.backoff}` : ''} between restarts (CrashLoopBackOff), doubling up to 5m.`);

    const ruledOut = [
      `OOMKilled: reason ${terminated.reason ?? 'none'}, exit ${terminated.exitCode}`,
      'liveness probe kill: no "failed liveness probe" Killing event when it ended',
      'start failure: the runtime started the process, which then exited by itself',
    ];
    const vars: Record<string, string> = { container: view.name, exitCode: String(terminated.exitCode), restarts: String(restarts), exitMeaning: meaning.meaning };
    if (meaning.signal) vars.signal = meaning.signal;
    if (terminated.reason) vars.reason = terminated.reason;
    if (crash.backoff) vars.backoff = crash.backoff;
    if (error) vars.error = redactText(error.summary);
    if (error?.location) vars.location = error.location;
    if (view.spec?.image) vars.image = view.spec.image;
    return { id: 'crash-loop', title, detail: detailParts.join(' '), evidence, ruledOut, vars, container: view.name };
  },
};

function waitingAndBackOff(facts: Facts, pod: PodFacts, view: ContainerView): Evidence[] {
  const evidence: Evidence[] = [];
  const waiting = view.status?.state?.waiting;
  if (waiting?.reason) {
    evidence.push({ kind: 'status', source: `${statusPath(view)}.state.waiting`, text: `${waiting.reason}${waiting.message ? `: ${redactText(waiting.message)}` : ''}` });
  }
  const backOff = [...pod.events].reverse().find((e) => e.reason === 'BackOff' && /restarting failed container/i.test(e.message) && (containerOfEvent(e) ?? view.name) === view.name);
  if (backOff) evidence.push(eventEvidence(backOff, facts.now));
  return evidence;
}

function errorEvidence(found: ReturnType<typeof errorOf>): Evidence[] {
  if (!found) return [];
  const error = found.error;
  if (!error) {
    const last = found.lines[found.lines.length - 1];
    return last ? [{ kind: 'log', source: found.source, text: `no error logged; the last line was: ${redactText(clip(last.trim(), 300))}` }] : [];
  }
  const head = found.lines[error.start]!.trim();
  const evidence: Evidence[] = [{ kind: 'log', source: found.source, text: redactText(clip(head, 300)) }];
  if (error.summary && !head.includes(error.summary)) {
    evidence.push({ kind: 'log', source: found.source, text: `${redactText(error.summary)}${error.location ? ` (at ${error.location})` : ''}` });
  }
  return evidence;
}

/** "panics: nil pointer dereference at portworx.go:100", "raises KeyError: ...", "exits after logging \"...\"". */
function errorPhrase(error: FirstError): string {
  const at = error.location ? ` at ${error.location}` : '';
  if (error.verb === 'logs') return `exits after logging "${clip(redactText(error.summary), 110)}"${at}`;
  const separator = error.verb === 'panics' || error.verb === 'crashes' ? ': ' : ' ';
  return `${error.verb}${separator}${clip(redactText(error.summary), 160)}${at}`;
}

/** CrashLoopBackOff whose lastState was lost: the back-off and the previous log still tell the story. */
function withoutEnding(facts: Facts, pod: PodFacts, crash: Crash): FindingDraft {
  const { view } = crash;
  const restarts = view.status?.restartCount ?? 0;
  const found = errorOf(pod, crash);
  const counts = [`CrashLoopBackOff`, `restarted ${restarts} time${restarts === 1 ? '' : 's'}`, crash.backoff ? `back-off ${crash.backoff}` : ''].filter(Boolean).join(', ');
  const title = found?.error ? `${view.name} ${errorPhrase(found.error)} (${counts})` : `${view.name} keeps exiting (${counts})`;
  const detail = [
    `${view.name} keeps exiting and the kubelet restarts it with a growing back-off; the pod status no longer records how the last instance ended (lastState is empty), so its exit code is unknown.`,
    found?.error ? `The previous instance's output shows the first error: ${redactText(found.error.summary)}.` : 'Read its previous logs: kubectl logs --previous.',
  ].join(' ');
  const vars: Record<string, string> = { container: view.name, restarts: String(restarts) };
  if (crash.backoff) vars.backoff = crash.backoff;
  if (found?.error) vars.error = redactText(found.error.summary);
  return {
    id: 'crash-loop',
    title,
    detail,
    evidence: [...waitingAndBackOff(facts, pod, view), ...errorEvidence(found)],
    ruledOut: ['liveness probe kill: no "failed liveness probe" Killing event for it'],
    vars,
    container: view.name,
  };
}
