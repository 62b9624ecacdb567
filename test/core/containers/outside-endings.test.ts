import { describe, expect, it } from 'vitest';
import { endedFromOutside } from '../../../src/core/containers/outside-endings.ts';
import { buildTimeline } from '../../../src/core/events/timeline.ts';
import type { CoreEvent } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';
import { kubeletEvent, minutesAgo, podWith } from '../detectors/support/container-pods.ts';

const pod = podWith({});
const ended = (exitCode: number, finishedAt: string, reason = exitCode === 0 ? 'Completed' : 'Error') => ({ exitCode, reason, finishedAt });
const rebooted: CoreEvent = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'node-1.reboot', namespace: 'default' },
  involvedObject: { kind: 'Node', name: 'node-1', uid: 'node-1' },
  reason: 'Rebooted',
  message: 'Node node-1 has been rebooted, boot id: 5d1c0f3e-7a52-4a8e-9c11-0f9b1e2f6a77',
  type: 'Warning',
  count: 1,
  lastTimestamp: minutesAgo(29),
  source: { component: 'kubelet', host: 'node-1' },
};

describe('endings that came from outside the program', () => {
  it('ties an ending to the SandboxChanged event the kubelet logged when it stopped the pod', () => {
    const facts = factsForPod(pod, { events: [kubeletEvent(pod, 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.', { noFieldPath: true, last: minutesAgo(53) })] });
    expect(endedFromOutside(facts.pod!, ended(0, minutesAgo(52.9)))).toBe('its pod sandbox was recreated (SandboxChanged at 2026-11-21T11:07:00Z)');
    expect(endedFromOutside(facts.pod!, ended(1, minutesAgo(5)))).toBeUndefined();
  });

  it("ties an ending to the node's Rebooted event, and reads containerd's lost-task status", () => {
    const facts = factsForPod(pod, { pod: { nodeEvents: buildTimeline([rebooted]) } });
    expect(endedFromOutside(facts.pod!, ended(255, minutesAgo(31), 'Unknown'))).toBe('its node rebooted (Rebooted at 2026-11-21T11:31:00Z)');
    const noEvents = factsForPod(pod);
    expect(endedFromOutside(noEvents.pod!, ended(255, minutesAgo(31), 'Unknown'))).toContain('containerd restarted');
    expect(endedFromOutside(noEvents.pod!, ended(255, minutesAgo(31)))).toBeUndefined();
  });
});
