import { formatDuration, msBetween, msSince } from '../time/elapsed.ts';
import { eventEvidence } from '../containers/event-evidence.ts';
import {
  describeProbe,
  probeFailures,
  probeGraceSeconds,
  probeKills,
  probeAction,
  probeOutcome,
  probeVars,
  undeclaredProbePort,
  type ProbeFailures,
} from '../containers/probes.ts';
import { statusPath } from '../containers/termination.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { podCondition, runningContainers, type ContainerView } from '../kube/pod-status.ts';
import { clip } from '../logs/crash-signatures.ts';
import { logLines } from '../logs/log-lines.ts';
import { redactText } from '../redaction/redact-text.ts';
import type { Detector } from './detector.ts';

// Running but not Ready: the container runs and is not restarted, but its readiness probe fails
// ("Readiness probe failed: HTTP probe failed with statuscode: 503"), so the endpoints
// controller keeps the pod out of every Service and no traffic reaches it. Only the current
// instance counts: failures logged before it started (a start-up that has since settled, or a
// previous instance) are history, and a container that is Ready now has recovered. When the
// events have expired, the status alone still proves it: a started, running container with a
// readiness probe is not Ready only because that probe has not succeeded.

/** Slack on top of the probe's own tolerance before "never became Ready" is a finding. */
const SETTLE_MS = 60 * 1000;

// A health endpoint that answers 503 has a reason, and the container's own log usually names it
// (Envoy "Envoy proxy is NOT ready: config not received from Pilot", Patroni's replica that cannot
// bootstrap, Elasticsearch's "master not discovered yet"). The newest line that says it is not
// ready, else the newest error, else the newest warning; the current instance only, since
// readiness is about now.
const NOT_READY_LINE = /\bnot (?:yet )?ready\b|\bunready\b|\bnot healthy\b/i;
const ERROR_LEVEL = [
  /\blevel=(?:error|err|fatal)\b/i,
  /"(?:level|severity|lvl|log\.level)"\s*:\s*"(?:error|err|fatal|critical)"/i,
  /(?:^|[\s[|(])(?:ERROR|ERR|FATAL|SEVERE)(?:[\]\s|:)]|$)/,
  /\[(?:error|crit|emerg)\]/i,
  /^[EF]\d{4} \d\d:\d\d:\d\d\.\d+\s/,
  /^[\w.-]+: error: /,
];
const WARNING_LEVEL = [
  /\blevel=warn(?:ing)?\b/i,
  /"(?:level|severity|lvl|log\.level)"\s*:\s*"warn(?:ing)?"/i,
  /(?:^|[\s[|(])WARN(?:ING)?(?:[\]\s|:)]|$)/,
  /\[warn(?:ing)?\]/i,
  /^W\d{4} \d\d:\d\d:\d\d\.\d+\s/,
];

function readinessClue(facts: Facts, view: ContainerView): { line: string; source: string } | undefined {
  const log = facts.pod!.logs.find((l) => l.container === view.name && !l.previous && l.text.trim());
  if (!log) return undefined;
  const lines = logLines(log.text).map((line) => line.trim()).filter(Boolean).reverse();
  const line =
    lines.find((l) => NOT_READY_LINE.test(l)) ??
    lines.find((l) => ERROR_LEVEL.some((pattern) => pattern.test(l))) ??
    lines.find((l) => WARNING_LEVEL.some((pattern) => pattern.test(l)));
  return line ? { line: redactText(clip(line, 300)), source: `log ${view.name} (current)` } : undefined;
}

interface NotReady {
  view: ContainerView;
  failures?: ProbeFailures;
  runningFor?: number;
}

function notReadyContainers(facts: Facts): NotReady[] {
  const pod = facts.pod!;
  const sole = pod.pod.spec.containers.length + (pod.pod.spec.initContainers?.length ?? 0) === 1;
  const found: NotReady[] = [];
  for (const view of runningContainers(pod.pod)) {
    const status = view.status;
    const running = status?.state?.running;
    if (!status || !running || status.ready) continue;
    // Not started: the startup probe has not passed yet; readiness is not even probed.
    if (status.started === false) continue;
    const kills = probeKills(pod.events, view.name, sole);
    if (kills && (msSince(kills.lastSeen, facts.now) ?? Infinity) < (msSince(running.startedAt, facts.now) ?? 0) + 60_000) continue;
    const probe = view.spec?.readinessProbe;
    const failures = probeFailures(pod.events, view.name, 'readiness', sole);
    const runningFor = msSince(running.startedAt, facts.now);
    const ofThisInstance = failures && (!running.startedAt || !failures.lastSeen || Date.parse(failures.lastSeen) >= Date.parse(running.startedAt));
    if (ofThisInstance) {
      found.push({ view, failures, runningFor });
    } else if (probe && runningFor !== undefined && runningFor > probeGraceSeconds(probe) * 1000 + SETTLE_MS) {
      found.push({ view, runningFor });
    }
  }
  return found;
}

export const readinessProbeFailure: Detector = {
  id: 'readiness-probe-failure',
  priority: 80,
  detect(facts: Facts): FindingDraft | undefined {
    const pod = facts.pod;
    if (!pod || pod.pod.status?.phase !== 'Running') return undefined;
    const ready = podCondition(pod.pod, 'Ready');
    if (ready?.status === 'True') return undefined;
    // Ready False while ContainersReady is True is a readiness gate, not a probe.
    if (podCondition(pod.pod, 'ContainersReady')?.status === 'True') return undefined;
    const target = notReadyContainers(facts)[0];
    if (!target) return undefined;
    const { view, failures, runningFor } = target;
    const probe = view.spec?.readinessProbe;
    const outcome = failures ? probeOutcome(failures.output) : 'never succeeded';
    const action = probe ? clip(probeAction(probe), 80) : 'readiness probe';
    const notReadyFor = msSince(ready?.lastTransitionTime, facts.now);

    const evidence: Evidence[] = [];
    if (failures) evidence.push(eventEvidence(failures.events[0]!, facts.now));
    evidence.push({
      kind: 'status',
      source: statusPath(view),
      text: `running since ${view.status?.state?.running?.startedAt ?? '?'}${runningFor !== undefined ? ` (${formatDuration(runningFor)})` : ''}, ready false, restartCount ${view.status?.restartCount ?? 0}`,
    });
    if (ready) {
      evidence.push({ kind: 'status', source: 'status.conditions[Ready]', text: `${ready.status}${ready.reason ? ` (${ready.reason})` : ''} since ${ready.lastTransitionTime ?? '?'}${ready.message ? `: ${ready.message}` : ''}` });
    }
    if (probe) evidence.push({ kind: 'spec', source: `spec.containers[${view.name}].readinessProbe`, text: describeProbe(probe) });
    const port = probe ? undeclaredProbePort(probe, view.spec) : undefined;
    const clue = readinessClue(facts, view);
    if (clue) evidence.push({ kind: 'log', source: clue.source, text: clue.line });
    if (port && outcome === 'connection refused') {
      evidence.push({ kind: 'computed', source: 'readiness probe port vs container ports', text: `the probed port ${port} is not among the container's declared ports (${(view.spec?.ports ?? []).map((p) => p.containerPort).join(', ')})` });
    }

    const over = msBetween(failures?.firstSeen, failures?.lastSeen);
    const span = over !== undefined && over > 0 ? ` over ${formatDuration(over)}` : '';
    const title = failures
      ? `${view.name} is running but not Ready: readiness probe ${action} fails with ${outcome} (x${failures.count}${span}); no Service traffic reaches it`
      : `${view.name} is running but has not been Ready for ${formatDuration(notReadyFor ?? runningFor ?? 0)}: readiness probe ${action} never succeeded; no Service traffic reaches it`;
    const detail = [
      `${view.name} runs and is not restarted, but its readiness probe fails, so the pod is removed from the endpoints of every Service that selects it.`,
      failures
        ? `${failures.errored ? 'The kubelet could not run the probe' : 'The probe gets'}: ${redactText(failures.output || 'no output')}.`
        : 'The events that would show the probe output have expired; the status shows the container has not passed its readiness probe in this instance.',
      clue ? `Its log says: "${clue.line}".` : '',
      outcome === 'timed out' ? `The endpoint answers slower than timeoutSeconds ${probe?.timeoutSeconds ?? 1}s.` : '',
      /^HTTP 5\d\d$/.test(outcome) ? 'The application answers but reports itself unready: usually a dependency it checks (database, cache, downstream service) is unavailable.' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const restarts = view.status?.restartCount ?? 0;
    const ruledOut = [
      'liveness probe kills: no "failed liveness probe" Killing event for this instance',
      restarts === 0 ? 'crashes: the container has never restarted' : `crashes: running since ${view.status?.state?.running?.startedAt ?? '?'} without a new restart`,
      'readiness gates: ContainersReady is not True, so a container, not a gate, holds the pod back',
    ];
    const vars: Record<string, string> = { container: view.name, probeOutcome: outcome, restarts: String(restarts), ...probeVars('readiness', probe) };
    if (failures?.output) vars.probeOutput = redactText(failures.output);
    return { id: 'readiness-probe-failure', title, detail, evidence, ruledOut, vars, container: view.name };
  },
};
