import { formatDuration, msSince } from '../time/elapsed.ts';
import { exitCodeMeaning, formatExitCode } from '../containers/exit-codes.ts';
import { describeStartFailure, startFailureOf, type StartFailure } from '../containers/start-failures.ts';
import { describeTermination, latestTermination, statusPath } from '../containers/termination.ts';
import type { Facts, PodFacts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { containerViews, podCondition, type ContainerView } from '../kube/pod-status.ts';
import { clip } from '../logs/crash-signatures.ts';
import { findFirstError } from '../logs/first-error.ts';
import { logLines } from '../logs/log-lines.ts';
import { redactCommand } from '../redaction/redact-env.ts';
import { redactText } from '../redaction/redact-text.ts';
import type { Detector } from './detector.ts';

// Init containers run one after another and each must exit 0 before the next starts; the app
// containers start only after the last one. So one failing init container (kubectl shows
// Init:Error, Init:CrashLoopBackOff, Init:ExitCode:N, Init:OOMKilled) keeps the whole pod from
// ever running, and the app containers sit in PodInitializing with nothing in their logs: the
// answer is in the init container's exit code and its own output. An init container that never
// finishes (a "wait for the database" loop) blocks the pod the same way (Init:0/2).
// Not ours: native sidecars (restartPolicy Always: they keep running by design), and an init
// container that cannot be pulled or configured (the image and config detectors say why).

/** How long an init container may run before "still running" is worth saying. */
const STUCK_AFTER_MS = 10 * 60 * 1000;

interface InitFailure {
  view: ContainerView;
  index: number;
  total: number;
  stuck: boolean;
  start?: StartFailure;
}

/**
 * OOMKilled with exit code 0: the kernel killed a process of the init container, and its main
 * process still exited 0. Since 1.23 (kubernetes#104650) the kubelet counts that as a failure and
 * does not start the app containers, while the Initialized condition, which only reads exit codes,
 * says True and kubectl shows PodInitializing (kubernetes#116676). Older kubelets went on and
 * started the app containers, so it blocks the pod only when none of them has started.
 */
function oomKilledWithExitZero(view: ContainerView): boolean {
  const terminated = view.status?.state?.terminated;
  return terminated?.exitCode === 0 && terminated.reason === 'OOMKilled';
}

function appContainersStarted(pod: PodFacts): boolean {
  return (pod.pod.status?.containerStatuses ?? []).some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated);
}

function failingInit(pod: PodFacts, now: Date): InitFailure | undefined {
  const inits = containerViews(pod.pod).filter((view) => view.init && !view.sidecar);
  const initialized = podCondition(pod.pod, 'Initialized')?.status === 'True';
  if (initialized && (appContainersStarted(pod) || !inits.some(oomKilledWithExitZero))) return undefined;
  const sole = pod.pod.spec.containers.length + inits.length === 1;
  for (const [index, view] of inits.entries()) {
    const state = view.status?.state;
    if (state?.terminated?.exitCode === 0 && !oomKilledWithExitZero(view)) continue;
    const start = startFailureOf(view, pod.events, pod.logs, sole);
    const ending = latestTermination(view);
    const failed = ending !== undefined && (ending.terminated.exitCode !== 0 || ending.terminated.reason === 'OOMKilled');
    if (start || (failed && (ending.current || state?.waiting || state?.running))) {
      return { view, index, total: inits.length, stuck: false, start };
    }
    const runningFor = msSince(state?.running?.startedAt, now);
    if (runningFor !== undefined && runningFor > STUCK_AFTER_MS) return { view, index, total: inits.length, stuck: true };
    // Waiting to be pulled or configured, or still starting: another detector, or nothing yet.
    return undefined;
  }
  return undefined;
}

export const initContainerFailure: Detector = {
  id: 'init-container-failure',
  priority: 50,
  detect(facts: Facts): FindingDraft | undefined {
    const pod = facts.pod;
    if (!pod || pod.pod.status?.phase === 'Succeeded') return undefined;
    const failure = failingInit(pod, facts.now);
    if (!failure) return undefined;
    const { view, index, total, stuck, start } = failure;
    const ending = latestTermination(view);
    const terminated = ending?.terminated;
    const restarts = view.status?.restartCount ?? 0;
    const command = [...(view.spec?.command ?? []), ...(view.spec?.args ?? [])];
    const position = `${index + 1}/${total}`;

    const evidence: Evidence[] = [];
    if (ending && terminated) evidence.push({ kind: 'status', source: ending.path, text: describeTermination(terminated) });
    const running = view.status?.state?.running;
    if (stuck && running) {
      evidence.push({ kind: 'status', source: `${statusPath(view)}.state.running`, text: `running since ${running.startedAt ?? '?'} (${formatDuration(msSince(running.startedAt, facts.now) ?? 0)}), restartCount ${restarts}` });
    }
    const waiting = view.status?.state?.waiting;
    if (waiting?.reason) {
      evidence.push({ kind: 'status', source: `${statusPath(view)}.state.waiting`, text: `${waiting.reason}${waiting.message ? `: ${redactText(clip(waiting.message, 300))}` : ''}` });
    }
    if (start) evidence.push({ kind: start.evidence.kind, source: start.evidence.source, text: clip(start.message, 400) });
    if (command.length) evidence.push({ kind: 'spec', source: `spec.initContainers[${view.name}].command`, text: redactCommand(command) });

    // Its own output says why: the previous instance when it restarted, else the current one.
    const log =
      pod.logs.find((l) => l.container === view.name && l.previous === (ending ? !ending.current : false) && l.text.trim()) ??
      pod.logs.find((l) => l.container === view.name && l.text.trim());
    const lines = log ? logLines(log.text) : [];
    const error = findFirstError(lines);
    const logSource = log ? `log ${view.name} (${log.previous ? 'previous' : 'current'})` : '';
    const errorLine = error ? lines[error.start]!.trim() : undefined;
    if (errorLine) evidence.push({ kind: 'log', source: logSource, text: redactText(clip(errorLine, 300)) });
    else if (lines.length) evidence.push({ kind: 'log', source: logSource, text: `last line: ${redactText(clip(lines[lines.length - 1]!.trim(), 300))}` });
    else if (terminated?.message?.trim()) evidence.push({ kind: 'status', source: `${ending!.path}.message`, text: redactText(clip(terminated.message, 300)) });

    const blocked = pod.pod.spec.containers.map((c) => c.name);
    const appStates = (pod.pod.status?.containerStatuses ?? [])
      .map((s) => `${s.name} ${s.state?.waiting?.reason ?? (s.state?.running ? 'running' : 'not started')}`)
      .join(', ');
    evidence.push({ kind: 'status', source: 'status.containerStatuses', text: appStates ? `app containers: ${appStates}` : `app containers ${blocked.join(', ')} have no status yet: never started` });

    const summary = error ? redactText(error.summary) : undefined;
    let why: string;
    if (stuck) why = `is still running after ${formatDuration(msSince(running?.startedAt, facts.now) ?? 0)} and has not completed`;
    else if (start) why = `cannot start: ${describeStartFailure(start, pod.node?.metadata.labels?.['kubernetes.io/arch'])}`;
    else if (terminated?.reason === 'OOMKilled') {
      const limit = view.spec?.resources?.limits?.memory;
      why = limit ? `was OOMKilled at its ${limit} memory limit` : 'was OOMKilled with no memory limit (the node ran out of memory)';
    }
    else why = `fails${summary ? `: ${clip(summary, 160)}` : ` with ${formatExitCode(terminated?.exitCode ?? 0)}`}`;
    const counts = [terminated ? formatExitCode(terminated.exitCode) : '', restarts > 0 ? `restarted ${restarts} time${restarts === 1 ? '' : 's'}` : '']
      .filter(Boolean)
      .join(', ');
    const title = `init container ${view.name} (${position}) ${why}${counts && !stuck ? ` (${counts})` : ''}; ${blocked.join(', ')} ${blocked.length === 1 ? 'has' : 'have'} not started`;

    const meaning = terminated ? exitCodeMeaning(terminated.exitCode, pod.pod.spec.restartPolicy) : undefined;
    const detail = [
      `Init containers must each exit 0, in order, before the app containers start; ${view.name} (${position})${command.length ? ` runs \`${redactCommand(command)}\`` : ''} and ${stuck ? 'has not finished, so the pod stays in Init' : 'fails, so the pod never gets past it'}.`,
      meaning && !stuck && terminated?.exitCode !== 0 ? `Exit ${terminated!.exitCode}: ${meaning.meaning}.` : '',
      oomKilledWithExitZero(view)
        ? 'Exit code 0 with reason OOMKilled: the kernel killed a process in the container for memory while its main process still exited 0; the kubelet counts that as a failure and does not start the app containers, although the Initialized condition (which reads only exit codes) says True and kubectl shows PodInitializing.'
        : '',
      summary ? `Its first error: ${summary}.` : stuck && lines.length ? `Its latest output: ${redactText(clip(lines[lines.length - 1]!, 200))}` : '',
      pod.pod.spec.restartPolicy === 'Never' && !stuck ? 'With restartPolicy Never the pod has failed for good; a new pod is needed after the fix.' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const ruledOut = [
      `app containers: ${blocked.join(', ')} never ran, so their logs and probes are not the cause`,
      ...(index > 0 ? [`earlier init containers: ${containerViews(pod.pod).filter((v) => v.init && !v.sidecar).slice(0, index).map((v) => v.name).join(', ')} completed`] : []),
    ];
    const vars: Record<string, string> = { container: view.name, initContainer: view.name, restarts: String(restarts) };
    if (terminated) vars.exitCode = String(terminated.exitCode);
    if (command.length) vars.command = redactCommand(command);
    if (summary) vars.error = summary;
    if (view.spec?.image) vars.image = view.spec.image;
    if (start) vars.cause = start.cause;
    return { id: 'init-container-failure', title, detail, evidence, ruledOut, vars, container: view.name };
  },
};
