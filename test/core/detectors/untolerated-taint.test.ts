import { describe, expect, it } from 'vitest';
import { insufficientResources } from '../../../src/core/detectors/insufficient-resources.ts';
import { untoleratedTaint } from '../../../src/core/detectors/untolerated-taint.ts';
import { node, pendingFacts, pendingPod } from '../../support/scheduling.ts';
import { diagnoseScenarioFile, OWN_SCENARIOS } from '../../support/scenarios.ts';

const gpuTaint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('untolerated-taint', () => {
  it('leads with the node that would fit but for its taint, ahead of nodes that are too small', () => {
    const pod = pendingPod('api-7d9f');
    const facts = pendingFacts(pod, {
      nodes: [node('gpu-1', { taints: [gpuTaint] }), node('small-1', { memory: '512Mi' }), node('small-2', { memory: '512Mi' })],
      message: "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod..",
    });
    const taint = untoleratedTaint.detect(facts)!;
    const resources = insufficientResources.detect(facts)!;
    expect(taint.title).toContain('gpu-1 would fit the pod but has taint dedicated=gpu:NoSchedule');
    expect(taint.vars).toMatchObject({ node: 'gpu-1', taintKey: 'dedicated', taintValue: 'gpu', taintEffect: 'NoSchedule' });
    expect(taint.vars!.toleration).toContain('"dedicated"');
    expect(taint.priority!).toBeLessThan(resources.priority!);
    expect(taint.ruledOut).toContain("resources: gpu-1 has room for the pod's requests (cpu 500m, memory 1Gi)");
  });

  it('calls a cordoned node cordoned, not a taint to tolerate', () => {
    const facts = pendingFacts(pendingPod('api'), {
      nodes: [node('node-1', { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), node('node-2', { cpu: '250m' })],
      message: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.',
    });
    const draft = untoleratedTaint.detect(facts)!;
    expect(draft.title).toBe('Node node-1 would fit the pod but is cordoned (1/2 nodes)');
    expect(draft.vars).toMatchObject({ cordoned: 'true', taintKey: 'node.kubernetes.io/unschedulable' });
    expect(draft.vars).not.toHaveProperty('toleration');
    expect(draft.evidence).toContainEqual({ kind: 'node', source: 'node/node-1 spec.unschedulable', text: 'true (cordoned)' });
  });

  it('says a node with the not-ready taint is NotReady', () => {
    const facts = pendingFacts(pendingPod('api'), {
      nodes: [node('node-1', { ready: false, taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] })],
      message: '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.',
    });
    const draft = untoleratedTaint.detect(facts)!;
    // The pod tolerates the NoExecute one for 300s (default admission); only NoSchedule blocks.
    expect(draft.vars!.taint).toBe('node.kubernetes.io/not-ready:NoSchedule');
    expect(draft.detail).toContain('NotReady');
    expect(draft.vars).not.toHaveProperty('toleration');
  });

  it('works from the pre-1.25 message alone when nodes could not be read', () => {
    const facts = pendingFacts(pendingPod('api'), { message: "0/3 nodes are available: 3 node(s) had taint {node-role.kubernetes.io/master: }, that the pod didn't tolerate." });
    const draft = untoleratedTaint.detect(facts)!;
    expect(draft.title).toBe('The scheduler found taint node-role.kubernetes.io/master the pod does not tolerate on 3 of 3 nodes');
    expect(draft.vars).toMatchObject({ taintKey: 'node-role.kubernetes.io/master', nodesAffected: '3' });
    expect(draft.evidence.map((e) => e.kind)).toContain('event');
  });

  it('reads the pre-1.17 condition wording as the node state, with no nodes to look at', () => {
    const facts = pendingFacts(pendingPod('api'), { message: '0/2 nodes are available: 2 node(s) were not ready.' });
    expect(untoleratedTaint.detect(facts)!.title).toBe('The scheduler found 2 of 2 nodes NotReady (taint node.kubernetes.io/not-ready)');
  });

  it('names the taint from the nodes when the old wording does not', () => {
    const facts = pendingFacts(pendingPod('api'), {
      nodes: [node('edge-1', { taints: [{ key: 'site', value: 'edge', effect: 'NoExecute' }] })],
      message: "0/1 nodes are available: 1 node(s) had taints that the pod didn't tolerate.",
    });
    expect(untoleratedTaint.detect(facts)!.vars).toMatchObject({ taint: 'site=edge:NoExecute', node: 'edge-1' });
  });

  it('blames no taint when another node is open to the pod', () => {
    const facts = pendingFacts(pendingPod('hub'), {
      nodes: [node('master', { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] }), node('worker-1')],
      message: '0/2 nodes are available: 2 pod has unbound immediate PersistentVolumeClaims.',
    });
    expect(untoleratedTaint.detect(facts)).toBeUndefined();
  });

  it('finds nothing when the pod tolerates the taint, and nothing for a pod that is scheduled', () => {
    const tolerant = pendingPod('agent', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(untoleratedTaint.detect(pendingFacts(tolerant, { nodes: [node('gpu-1', { taints: [gpuTaint] })] }))).toBeUndefined();
    const running = pendingPod('api', { nodeName: 'gpu-1' });
    expect(untoleratedTaint.detect(pendingFacts(running, { nodes: [node('gpu-1', { taints: [gpuTaint] })], message: '0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}.' }))).toBeUndefined();
  });

  it('cites the DiskPressure condition behind the disk-pressure taint and sends the reader to the node, not to a toleration', () => {
    const full = node('k121', { taints: [{ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule', timeAdded: '2026-11-21T11:40:00Z' }] });
    full.status!.conditions!.push({ type: 'DiskPressure', status: 'True', reason: 'KubeletHasDiskPressure', message: 'kubelet has disk pressure' });
    const facts = pendingFacts(pendingPod('web'), {
      nodes: [full],
      message: "0/1 nodes are available: 1 node(s) had taint {node.kubernetes.io/disk-pressure: }, that the pod didn't tolerate.",
    });
    const draft = untoleratedTaint.detect(facts)!;
    expect(draft.title).toBe('The only node, k121, would fit the pod but is under disk pressure (taint node.kubernetes.io/disk-pressure:NoSchedule) (1/1 nodes)');
    expect(draft.evidence).toContainEqual({ kind: 'node', source: 'node/k121 status.conditions[DiskPressure]', text: 'True (KubeletHasDiskPressure): kubelet has disk pressure' });
    // The node lifecycle controller re-adds it: no toleration to add, and the playbook offers no "remove the taint".
    expect(draft.vars).toMatchObject({ taintManager: 'the node lifecycle controller' });
    expect(draft.vars).not.toHaveProperty('toleration');
  });

  it('says the cloud-controller-manager has not initialised nodes tainted uninitialized', () => {
    const uninitialized = { key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' };
    const facts = pendingFacts(pendingPod('coredns'), {
      nodes: [node('k3s-agent-0', { taints: [uninitialized] }), node('k3s-agent-1', { taints: [uninitialized] })],
      message: "0/2 nodes are available: 2 node(s) had taint {node.cloudprovider.kubernetes.io/uninitialized: true}, that the pod didn't tolerate.",
    });
    const draft = untoleratedTaint.detect(facts)!;
    expect(draft.detail).toContain('not yet initialised by the cloud-controller-manager');
    expect(draft.vars).toMatchObject({ taintManager: 'the cloud-controller-manager', taint: 'node.cloudprovider.kubernetes.io/uninitialized=true:NoSchedule' });
  });

  it('leaves a taint a person set (control plane, dedicated pools) to the person: no manager named', () => {
    const facts = pendingFacts(pendingPod('api'), {
      nodes: [node('cp-1', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] })],
      message: '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.',
    });
    const draft = untoleratedTaint.detect(facts)!;
    expect(draft.vars).not.toHaveProperty('taintManager');
    expect(draft.vars!.toleration).toContain('node-role.kubernetes.io/control-plane');
  });

  it('answers a Pending pod on an unreachable node with "fix the node", never "remove the taint"', async () => {
    const { diagnosis } = await diagnoseScenarioFile(`${OWN_SCENARIOS}/rw-sched-only-node-unreachable-kubelet-stopped.json`);
    const finding = diagnosis.findings[0]!;
    expect(finding.id).toBe('untolerated-taint');
    const steps = finding.nextSteps.map((step) => `${step.text} ${step.command ?? ''}`).join('\n');
    expect(steps).toContain('Fix ip-172-31-22-104, not the pod');
    expect(steps).not.toContain('kubectl taint nodes');
  });
});
