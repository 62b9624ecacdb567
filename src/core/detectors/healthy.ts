import { ago } from '../time/elapsed.ts';
import { endedFromOutside } from '../containers/outside-endings.ts';
import { restartRecency } from '../containers/restart-recency.ts';
import { runningContainers, looksHealthy, podCondition } from '../kube/pod-status.ts';
import type { Evidence } from '../findings/finding.ts';
import type { Detector } from './detector.ts';


/**
 * Nothing is wrong now: the pod is Running and Ready, or it finished successfully. Old restarts,
 * and recent ones the pod or node imposed (a recreated sandbox, a reboot), are named so the
 * person asking knows they were seen and judged to be history. Only stands
 * when no other detector found anything (rank-findings.ts).
 */
export const healthy: Detector = {
  id: 'healthy',
  priority: 100,
  detect(facts) {
    const pod = facts.pod?.pod;
    if (!pod || !looksHealthy(pod)) return undefined;
    const podFacts = facts.pod!;
    // A failure is history by the same measure the crash detectors use (restart-recency.ts), so
    // healthy never calls something past that they still call current.
    const failedRecently = runningContainers(pod).some((view) => {
      const last = view.status?.lastState?.terminated;
      if (last === undefined || last.exitCode === 0 || endedFromOutside(podFacts, last)) return false;
      return restartRecency(view, facts.now).current;
    });
    if (failedRecently) return undefined;
    const phase = pod.status?.phase ?? 'Unknown';
    const ready = podCondition(pod, 'Ready');
    const evidence: Evidence[] = [
      {
        kind: 'status',
        source: 'status.phase',
        text: phase === 'Succeeded' ? 'Succeeded: every container finished and the pod completed' : `Running and Ready (Ready became True ${ago(ready?.lastTransitionTime, facts.now)})`,
      },
    ];
    const history: string[] = [];
    for (const view of runningContainers(pod)) {
      const last = view.status?.lastState?.terminated;
      if (!last || !view.status?.restartCount) continue;
      const outside = endedFromOutside(podFacts, last);
      const what = `${view.name} restarted ${view.status.restartCount} time(s), last ${ago(last.finishedAt, facts.now)} (${last.reason ?? 'exit'} ${last.exitCode}${outside ? `, when ${outside}` : ''})`;
      history.push(what);
      evidence.push({ kind: 'status', source: `status.containerStatuses[${view.name}].lastState.terminated`, text: `${what}, healthy since` });
    }
    const warnings = facts.pod!.events.filter((event) => event.type === 'Warning');
    const lastWarning = warnings.at(-1);
    if (lastWarning) {
      evidence.push({ kind: 'event', source: `event ${lastWarning.reason} x${lastWarning.count}`, text: `last warning ${ago(lastWarning.lastSeen, facts.now)}: ${lastWarning.message}` });
    }
    const state = phase === 'Succeeded' ? 'Succeeded' : `Running, ${pod.status?.containerStatuses?.filter((s) => s.ready).length ?? 0}/${pod.spec.containers.length} containers Ready`;
    return {
      id: 'healthy',
      title: `${pod.metadata.name} looks healthy: ${state}`,
      detail:
        history.length > 0
          ? `Nothing is failing now. Earlier trouble is history: ${history.join('; ')}.`
          : 'Nothing is failing now: no container is waiting, crashing or unready.',
      evidence,
      ruledOut: ['no container waiting or crash-looping', 'no failing probe now', 'not pending or evicted'],
    };
  },
};
