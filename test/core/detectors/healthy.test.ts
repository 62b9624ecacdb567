import { describe, expect, it } from 'vitest';
import { healthy } from '../../../src/core/detectors/healthy.ts';
import { factsForPod } from '../../support/facts.ts';
import { kubeletEvent, minutesAgo, podWith, readyConditions, runningAfter } from './support/container-pods.ts';

describe('healthy', () => {
  it('calls a pod healthy after a restart the kubelet imposed minutes ago, and says so', () => {
    const pod = podWith({ conditions: readyConditions(minutesAgo(52)), statuses: [runningAfter('api', minutesAgo(52.9), { exitCode: 143, startedAt: minutesAgo(400), finishedAt: minutesAgo(53) })] });
    const events = [kubeletEvent(pod, 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.', { noFieldPath: true, last: minutesAgo(53) })];
    const finding = healthy.detect(factsForPod(pod, { events }));
    expect(finding?.detail).toBe('Nothing is failing now. Earlier trouble is history: api restarted 1 time(s), last 53m ago (Error 143, when its pod sandbox was recreated (SandboxChanged at 2026-11-21T11:07:00Z)).');
  });

  it('does not call a pod healthy minutes after its container failed by itself', () => {
    const pod = podWith({ conditions: readyConditions(minutesAgo(10)), statuses: [runningAfter('api', minutesAgo(10), { exitCode: 1, startedAt: minutesAgo(40), finishedAt: minutesAgo(10.1) })] });
    expect(healthy.detect(factsForPod(pod))).toBeUndefined();
  });

  it('judges history as the crash detectors do: a crash after a 10h run is current for hours, not one', () => {
    // Ran 10h, crashed 2h ago, Ready since: the next crash is due hours from now, so this is not history yet.
    const recent = podWith({ conditions: readyConditions(minutesAgo(119)), statuses: [runningAfter('api', minutesAgo(119), { exitCode: 1, startedAt: minutesAgo(720), finishedAt: minutesAgo(120) })] });
    expect(healthy.detect(factsForPod(recent))).toBeUndefined();
    // A day of running since: history, whatever the previous run.
    const old = podWith({ conditions: readyConditions(minutesAgo(1500)), statuses: [runningAfter('api', minutesAgo(1500), { exitCode: 1, startedAt: minutesAgo(2100), finishedAt: minutesAgo(1501) })] });
    expect(healthy.detect(factsForPod(old))?.id).toBe('healthy');
  });
});
