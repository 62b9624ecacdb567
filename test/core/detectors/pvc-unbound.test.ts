import { describe, expect, it } from 'vitest';
import { pvcUnbound } from '../../../src/core/detectors/pvc-unbound.ts';
import { buildTimeline } from '../../../src/core/events/timeline.ts';
import type { ClaimFacts } from '../../../src/core/facts/facts.ts';
import type { CoreEvent, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../src/core/kube/types.ts';
import { pendingFacts, pendingPod } from '../../support/scheduling.ts';

const pod = pendingPod('db-0', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }] });

function claim(spec: PersistentVolumeClaim['spec'], phase = 'Pending'): PersistentVolumeClaim {
  return { metadata: { name: 'data-db-0', namespace: 'shop', creationTimestamp: '2026-11-21T11:40:00Z' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } }, ...spec }, status: { phase } };
}

function storageClass(name: string, extra: Partial<StorageClass> = {}): StorageClass {
  return { metadata: { name }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'Immediate', ...extra };
}

function claimEvent(reason: string, message: string, type = 'Warning', count = 12): CoreEvent {
  return {
    metadata: { name: `data-db-0.${reason}` },
    involvedObject: { kind: 'PersistentVolumeClaim', name: 'data-db-0' },
    reason, message, type, count,
    firstTimestamp: '2026-11-21T11:40:05Z',
    lastTimestamp: '2026-11-21T11:59:30Z',
    source: { component: 'persistentvolume-controller' },
  };
}

function claimFacts(pvc: PersistentVolumeClaim | null | undefined, classes: StorageClass[], events: CoreEvent[] = []): ClaimFacts {
  const name = pvc?.spec?.storageClassName;
  return { volume: 'data', claimName: 'data-db-0', claim: pvc, storageClass: name ? (classes.find((c) => c.metadata.name === name) ?? null) : undefined, events: buildTimeline(events), storageClasses: classes };
}

const unboundMessage = '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..';

describe('pvc-unbound', () => {
  it('reads a missing claim first, ahead of every node-level finding', () => {
    const draft = pvcUnbound.detect(pendingFacts(pod, { claims: [claimFacts(null, [])], message: '0/3 nodes are available: persistentvolumeclaim "data-db-0" not found.' }))!;
    expect(draft.title).toBe('PersistentVolumeClaim data-db-0 does not exist; the pod mounts it as volume data');
    expect(draft.priority).toBe(24);
    expect(draft.vars).toMatchObject({ claim: 'data-db-0', volume: 'data' });
  });

  it('does not call a claim missing when it could not be read', () => {
    // Gather leaves an unreadable claim undefined (a missing one is null) and records the gap.
    const facts = pendingFacts(pod, { claims: [claimFacts(undefined, [])] });
    facts.gaps.push({ what: 'get persistentvolumeclaim data-db-0 in shop', code: 'forbidden', detail: 'forbidden' });
    expect(pvcUnbound.detect(facts)).toBeUndefined();
  });

  it('names a StorageClass that does not exist, and the ones that do', () => {
    const classes = [storageClass('gp3')];
    const events = [claimEvent('ProvisioningFailed', 'storageclass.storage.k8s.io "fast-ssd" not found')];
    const draft = pvcUnbound.detect(pendingFacts(pod, { claims: [claimFacts(claim({ storageClassName: 'fast-ssd' }), classes, events)], message: unboundMessage }))!;
    expect(draft.title).toBe('Claim data-db-0 asks for StorageClass fast-ssd, which does not exist (cluster has: gp3)');
    expect(draft.vars).toMatchObject({ storageClass: 'fast-ssd' });
    expect(draft.evidence.map((e) => e.text)).toContain('storageclass.storage.k8s.io "fast-ssd" not found');
  });

  it('explains a claim with no storage class in a cluster without a default one', () => {
    const events = [claimEvent('FailedBinding', 'no persistent volumes available for this claim and no storage class is set', 'Normal', 47)];
    const draft = pvcUnbound.detect(pendingFacts(pod, { claims: [claimFacts(claim({}), [], events)], message: unboundMessage }))!;
    expect(draft.title).toContain('has no storage class and the cluster has no default one');
    expect(draft.evidence.map((e) => e.source)).toContain('event FailedBinding x47, 30s ago from persistentvolume-controller on persistentvolumeclaim/data-db-0');
  });

  it("quotes the provisioner's error", () => {
    const events = [claimEvent('ProvisioningFailed', 'failed to provision volume with StorageClass "gp3": rpc error: code = Internal desc = Could not create volume "pvc-1": UnauthorizedOperation: You are not authorized to perform this operation.')];
    const draft = pvcUnbound.detect(pendingFacts(pod, { claims: [claimFacts(claim({ storageClassName: 'gp3' }), [storageClass('gp3')], events)], message: unboundMessage }))!;
    expect(draft.title).toContain('fails: failed to provision volume with StorageClass "gp3": rpc error');
    expect(draft.vars).toMatchObject({ storageClass: 'gp3', provisioner: 'ebs.csi.aws.com' });
  });

  it('says when an external provisioner never answers', () => {
    const events = [claimEvent('ExternalProvisioning', "Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.", 'Normal', 80)];
    const draft = pvcUnbound.detect(pendingFacts(pod, { claims: [claimFacts(claim({ storageClassName: 'gp3' }), [storageClass('gp3')], events)], message: unboundMessage }))!;
    expect(draft.title).toBe('Claim data-db-0 has waited 20m for provisioner ebs.csi.aws.com, which has not created a volume');
  });

  it('blames the provisioner at once when the scheduler gave up waiting in PreBind', () => {
    const gp2 = storageClass('gp2', { provisioner: 'kubernetes.io/aws-ebs', volumeBindingMode: 'WaitForFirstConsumer' });
    const pvc = claim({ storageClassName: 'gp2' });
    pvc.metadata.annotations = { 'volume.kubernetes.io/selected-node': 'ip-10-0-1-5.ec2.internal' };
    const external = claimEvent('ExternalProvisioning', 'waiting for a volume to be created, either by external provisioner "ebs.csi.aws.com" or manually created by system administrator', 'Normal', 3);
    external.firstTimestamp = '2026-11-21T11:59:00Z';
    const facts = pendingFacts(pod, { claims: [claimFacts(pvc, [gp2], [external])], message: 'running PreBind plugin "VolumeBinding": binding volumes: timed out waiting for the condition' });
    const draft = pvcUnbound.detect(facts)!;
    // The class names the in-tree provisioner; CSI migration hands the claim to ebs.csi.aws.com.
    expect(draft.vars).toMatchObject({ provisioner: 'ebs.csi.aws.com', storageClass: 'gp2' });
    expect(draft.title).toContain('for provisioner ebs.csi.aws.com, which has not created a volume');
  });

  it('does not treat waiting for the first consumer as a failure', () => {
    const wffc = storageClass('local-path', { provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer' });
    const events = [claimEvent('WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 'Normal', 30)];
    const facts = pendingFacts(pod, { claims: [claimFacts(claim({ storageClassName: 'local-path' }), [wffc], events)], message: '0/3 nodes are available: 3 Insufficient cpu.' });
    expect(pvcUnbound.detect(facts)).toBeUndefined();
  });

  it('reports a first-consumer claim for which no node has a matching volume', () => {
    const local = storageClass('local-storage', { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
    const facts = pendingFacts(pod, { claims: [claimFacts(claim({ storageClassName: 'local-storage' }), [local])], message: "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind." });
    expect(pvcUnbound.detect(facts)!.title).toBe('No PersistentVolume of StorageClass local-storage fits claim data-db-0 on any node the pod can use');
  });

  it('finds the default class through either annotation, and rules out bound claims', () => {
    const beta = storageClass('standard', { metadata: { name: 'standard', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } } });
    const events = [claimEvent('ProvisioningFailed', 'failed to provision volume with StorageClass "standard": quota exceeded')];
    const draft = pvcUnbound.detect(pendingFacts(pod, { claims: [claimFacts(claim({}), [beta], events)], message: unboundMessage }))!;
    expect(draft.vars).toMatchObject({ storageClass: 'standard' });
    const bound = pendingFacts(pod, { claims: [claimFacts(claim({ storageClassName: 'gp3', volumeName: 'pvc-9' }, 'Bound'), [storageClass('gp3')])], message: '0/3 nodes are available: 3 Insufficient cpu.' });
    expect(pvcUnbound.detect(bound)).toBeUndefined();
  });

  it('names the Available volume that looks right but has another class, instead of saying none is available', () => {
    const events = [claimEvent('FailedBinding', 'no persistent volumes available for this claim and no storage class is set', 'Normal', 47)];
    const manual: PersistentVolume = {
      metadata: { name: 'task-pv-volume', labels: { type: 'local' } },
      spec: { capacity: { storage: '25Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'manual' },
      status: { phase: 'Available' },
    };
    const taken: PersistentVolume = { metadata: { name: 'pvc-old' }, spec: { capacity: { storage: '50Gi' }, accessModes: ['ReadWriteOnce'], claimRef: { name: 'other', namespace: 'shop' } }, status: { phase: 'Bound' } };
    const facts = claimFacts(claim({}), [], events);
    facts.persistentVolumes = [taken, manual];
    const draft = pvcUnbound.detect(pendingFacts(pod, { claims: [facts], message: unboundMessage }))!;
    expect(draft.title).toBe('Claim data-db-0 has no storage class and the cluster has no default one; PersistentVolume task-pv-volume is Available but has storageClassName manual');
    expect(draft.evidence).toContainEqual({ kind: 'object', source: 'persistentvolume/task-pv-volume spec.storageClassName', text: '25Gi ReadWriteOnce, Available: has storageClassName manual, while the claim names no class' });
    // A volume bound to another claim is no candidate anyone expects.
    expect(draft.detail).not.toContain('pvc-old');
  });
});
