import { eventEvidence } from '../containers/event-evidence.ts';
import { exitCodeMeaning } from '../containers/exit-codes.ts';
import { restartRecency } from '../containers/restart-recency.ts';
import { describeStartFailure, startFailureOf, type StartFailure, type StartFailureCause } from '../containers/start-failures.ts';
import { describeTermination, latestTermination, runtimeOf } from '../containers/termination.ts';
import { containerOfEvent } from '../events/timeline.ts';
import type { Facts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import { containerViews, type ContainerView } from '../kube/pod-status.ts';
import { clip } from '../logs/crash-signatures.ts';
import { redactCommand } from '../redaction/redact-env.ts';
import type { Detector } from './detector.ts';

// The runtime cannot execute the container's command: the program never runs, so there is no
// application log to read, only the runtime's or runc's words (see containers/start-failures.ts
// for the wording per runtime and version). The fix is in the image or the pod spec's
// command/args, never in the application's code or configuration.

/** What each cause usually means and where to look: the detail's second sentence. */
const CAUSE_EXPLANATIONS: Record<StartFailureCause, string> = {
  'not-found':
    "The pod spec's command (or the image's ENTRYPOINT) names a program the image does not contain on $PATH: a typo, a binary installed elsewhere, or a slim/distroless image without a shell or the tool.",
  'permission-denied':
    "The file exists but cannot be executed: it lacks the execute bit (chmod +x in the Dockerfile), the container's user (runAsUser) cannot read it, or it sits on a noexec mount.",
  'exec-format':
    "The binary was built for a different CPU architecture (or OS) than the node's: push a multi-arch image (docker buildx --platform linux/amd64,linux/arm64) or pin the pod to matching nodes with nodeSelector kubernetes.io/arch. A script without a #! line fails the same way.",
  'no-such-file':
    'The path does not exist in the image, or it is a script whose interpreter (the #! line, e.g. /bin/bash) is missing from the image, or whose Windows line endings make the kernel look for "/bin/sh\\r".',
  mount:
    "A volume cannot be mounted at that path: a directory onto a file or the other way round (a ConfigMap or Secret key mounted with subPath over an existing directory; a hostPath whose file is missing on the node, which the runtime then creates as an empty directory when the volume's type is unset), or a path inside a read-only location. The fix is in the pod's volumes or on the node, not in the image's command.",
  'working-dir': "The workingDir of the container does not exist in the image and cannot be created.",
  'no-command':
    'The image defines neither ENTRYPOINT nor CMD (often a base or data image, or one built FROM scratch), and the pod spec gives no command: set command/args in the pod spec or fix the image.',
  runtime: 'The container runtime refused to start the process; its message says why.',
};

interface CannotRun {
  view: ContainerView;
  failure: StartFailure;
}

function cannotRun(facts: Facts): CannotRun | undefined {
  const pod = facts.pod!;
  const views = containerViews(pod.pod);
  const sole = views.length === 1;
  const found: CannotRun[] = [];
  for (const view of views) {
    const status = view.status;
    if (!status) continue;
    // A container that runs now and has outlived its last failed start is history.
    const ending = latestTermination(view);
    const down = Boolean(status.state?.waiting || status.state?.terminated);
    if (!down && !(ending && restartRecency(view, facts.now).current)) continue;
    const failure = startFailureOf(view, pod.events, pod.logs, sole);
    if (failure) found.push({ view, failure });
  }
  // App containers before init containers: the init detector already leads with an init failure.
  return found.find((c) => !c.view.init) ?? found[0];
}

export const containerCannotRun: Detector = {
  id: 'container-cannot-run',
  priority: 55,
  detect(facts: Facts): FindingDraft | undefined {
    const pod = facts.pod;
    if (!pod || pod.pod.status?.phase === 'Succeeded') return undefined;
    const found = cannotRun(facts);
    if (!found) return undefined;
    const { view, failure } = found;
    const arch = pod.node?.metadata.labels?.['kubernetes.io/arch'] ?? pod.node?.metadata.labels?.['beta.kubernetes.io/arch'];
    const ending = latestTermination(view);
    const restarts = view.status?.restartCount ?? 0;
    const command = [...(view.spec?.command ?? []), ...(view.spec?.args ?? [])];
    const runtime = runtimeOf(view, ending?.terminated) ?? pod.node?.status?.nodeInfo?.containerRuntimeVersion?.split(':')[0];
    const label = view.init && !view.sidecar ? `init container ${view.name}` : view.name;

    const evidence: Evidence[] = [{ kind: failure.evidence.kind, source: failure.evidence.source, text: clip(failure.message, 500) }];
    if (ending && ending.path !== failure.evidence.source) evidence.push({ kind: 'status', source: ending.path, text: describeTermination(ending.terminated) });
    const specPath = `spec.${view.init ? 'initContainers' : 'containers'}[${view.name}]`;
    evidence.push({
      kind: 'spec',
      source: `${specPath}.command`,
      text: command.length ? `${redactCommand(command)} (image ${view.spec?.image ?? '?'})` : `no command: the image's ENTRYPOINT/CMD runs (image ${view.spec?.image ?? '?'})`,
    });
    // The kubelet's Failed events say how often and how recently the start was attempted.
    const failed = [...pod.events].reverse().find((e) => e.reason === 'Failed' && containerOfEvent(e) === view.name && /^Error: /.test(e.message));
    if (failed && failure.evidence.kind !== 'event') evidence.push(eventEvidence(failed, facts.now));
    if (failure.cause === 'exec-format' && arch) {
      evidence.push({ kind: 'node', source: `node ${pod.pod.spec.nodeName ?? '?'} label kubernetes.io/arch`, text: arch });
    }

    const counts = [failure.reason, failure.exitCode !== undefined ? `exit ${failure.exitCode}` : '', restarts > 0 ? `restarted ${restarts} time${restarts === 1 ? '' : 's'}` : '']
      .filter(Boolean)
      .join(', ');
    const title = `${label} cannot start: ${describeStartFailure(failure, arch)}${counts ? ` (${counts})` : ''}`;
    const runtimeName = `${runtime ? `${runtime} ` : ''}runtime`;
    const detail = [
      failure.cause === 'mount'
        ? `The ${runtimeName} could not set up the container's filesystem: mounting ${failure.source ? `"${failure.source}"` : 'a volume'} at "${failure.path ?? '?'}" failed${failure.problem ? ` (${failure.problem})` : ''}, so the program never ran and has no log of its own.`
        : `The ${runtimeName} could not execute ${failure.path ? `"${failure.path}"` : "the container's command"} in ${view.spec?.image ?? 'the image'}, so the program never ran and has no log of its own.`,
      CAUSE_EXPLANATIONS[failure.cause],
      failure.exitCode !== undefined ? `Exit ${failure.exitCode}: ${exitCodeMeaning(failure.exitCode).meaning}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const ruledOut = [
      failure.evidence.kind === 'log'
        ? "application crash: the only output is the runtime's exec error, printed before the program could start"
        : 'application crash: the runtime failed before the process started',
      'image pull: the image was pulled and the container created',
    ];
    const vars: Record<string, string> = { container: view.name, cause: failure.cause, restarts: String(restarts) };
    if (failure.path && failure.cause !== 'mount') vars.binary = failure.path;
    if (view.spec?.image) vars.image = view.spec.image;
    if (command.length) vars.command = redactCommand(command);
    if (failure.exitCode !== undefined) vars.exitCode = String(failure.exitCode);
    if (failure.reason) vars.reason = failure.reason;
    if (pod.pod.spec.nodeName) vars.node = pod.pod.spec.nodeName;
    if (arch) vars.nodeArch = arch;
    if (runtime) vars.runtime = runtime;
    return { id: 'container-cannot-run', title, detail, evidence, ruledOut, vars, container: view.name };
  },
};
