import { describe, expect, it } from 'vitest';
import { mountFailed } from '../../../src/core/detectors/mount-failed.ts';
import type { ClaimFacts } from '../../../src/core/facts/facts.ts';
import type { CoreEvent, Pod, Volume } from '../../../src/core/kube/types.ts';
import { factsForPod } from '../../support/facts.ts';

function creatingPod(volumes: Volume[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-1', namespace: 'shop', uid: 'u1', creationTimestamp: '2026-11-21T11:30:00Z' },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25' }], nodeName: 'worker-2', volumes },
    status: { phase: 'Pending', containerStatuses: [{ name: 'web', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] },
  };
}

function volumeEvent(reason: string, message: string, component = 'kubelet'): CoreEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `web-1.${reason}${message.length}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'shop' },
    reason,
    message,
    type: 'Warning',
    count: 9,
    firstTimestamp: '2026-11-21T11:31:00Z',
    lastTimestamp: '2026-11-21T11:58:00Z',
    source: { component },
  };
}

const claim = (volume: string, claimName: string, pv: string): ClaimFacts => ({
  volume,
  claimName,
  claim: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claimName, namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], volumeName: pv }, status: { phase: 'Bound' } },
  events: [],
  storageClasses: [],
});

describe('mount-failed', () => {
  it('names the volume and the missing ConfigMap behind "MountVolume.SetUp failed"', () => {
    const facts = factsForPod(creatingPod([{ name: 'config', configMap: { name: 'web-config' } }]), {
      events: [
        volumeEvent('FailedMount', 'MountVolume.SetUp failed for volume "config" : configmap "web-config" not found'),
        volumeEvent('FailedMount', 'Unable to attach or mount volumes: unmounted volumes=[config], unattached volumes=[config kube-api-access-8x2lq]: timed out waiting for the condition'),
      ],
    });
    const finding = mountFailed.detect(facts)!;
    expect(finding.title).toContain('volume "config" cannot mount on worker-2: ConfigMap web-config does not exist');
    expect(finding.title).toContain('Stuck in ContainerCreating (30m)');
    expect(finding.vars).toMatchObject({ volume: 'config', configMap: 'web-config', cause: 'configmap-missing', node: 'worker-2' });
  });

  it('maps a Multi-Attach error on a PersistentVolume back to the pod\'s claim and names the pod holding it', () => {
    const facts = factsForPod(creatingPod([{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }]), {
      events: [volumeEvent('FailedAttachVolume', 'Multi-Attach error for volume "pvc-0a4b7c1e-2f7e-4c55-9d0e-5b8f3f1a9c21" Volume is already used by pod(s) web-1-old', 'attachdetach-controller')],
      pod: { claims: [claim('data', 'data-web-1', 'pvc-0a4b7c1e-2f7e-4c55-9d0e-5b8f3f1a9c21')] },
    });
    const finding = mountFailed.detect(facts)!;
    expect(finding.title).toContain('volume "data" (PVC data-web-1) cannot attach');
    expect(finding.title).toContain('ReadWriteOnce');
    expect(finding.vars).toMatchObject({ claim: 'data-web-1', persistentVolume: 'pvc-0a4b7c1e-2f7e-4c55-9d0e-5b8f3f1a9c21', cause: 'multi-attach', holders: 'web-1-old' });
  });

  it('names the key a ConfigMap volume\'s items ask for and the ConfigMap lacks', () => {
    const facts = factsForPod(creatingPod([{ name: 'config', configMap: { name: 'web-config', items: [{ key: 'nginx.conf', path: 'nginx.conf' }] } }]), {
      events: [volumeEvent('FailedMount', 'MountVolume.SetUp failed for volume "config" : configmap references non-existent config key: nginx.conf')],
    });
    expect(mountFailed.detect(facts)!.vars).toMatchObject({ volume: 'config', configMap: 'web-config', key: 'nginx.conf', cause: 'configmap-key-missing' });
  });

  it('names an unregistered CSI driver', () => {
    const facts = factsForPod(creatingPod([{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }]), {
      events: [volumeEvent('FailedMount', 'MountVolume.MountDevice failed for volume "pvc-11" : kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name ebs.csi.aws.com not found in the list of registered CSI drivers')],
      pod: { claims: [claim('data', 'data-web-1', 'pvc-11')] },
    });
    const finding = mountFailed.detect(facts)!;
    expect(finding.vars).toMatchObject({ driver: 'ebs.csi.aws.com', cause: 'csi-driver-missing', volume: 'data' });
  });

  it('quotes the NFS mount error', () => {
    const facts = factsForPod(creatingPod([{ name: 'media', nfs: { server: 'nas.lan', path: '/volume1/media' } }]), {
      events: [volumeEvent('FailedMount', 'MountVolume.SetUp failed for volume "media" : mount failed: exit status 32\nMounting command: mount\nMounting arguments: -t nfs nas.lan:/volume1/media /var/lib/kubelet/pods/u1/volumes/kubernetes.io~nfs/media\nOutput: mount.nfs: Connection timed out')],
    });
    const finding = mountFailed.detect(facts)!;
    expect(finding.title).toContain('mount.nfs: Connection timed out');
    expect(finding.evidence.map((e) => e.text)).toContain('nfs nas.lan:/volume1/media');
  });

  it('blames the CSI call that timed out, not the "operation already exists" refusals that follow it', () => {
    // csi-driver-smb: the first NodeStageVolume hangs; every retry is refused while it runs.
    const timedOut = volumeEvent('FailedMount', 'MountVolume.MountDevice failed for volume "pv-cloud-volume-smb" : rpc error: code = DeadlineExceeded desc = context deadline exceeded');
    timedOut.count = 1;
    timedOut.lastTimestamp = '2026-11-21T11:31:00Z';
    const refused = volumeEvent('FailedMount', 'MountVolume.MountDevice failed for volume "pv-cloud-volume-smb" : rpc error: code = Aborted desc = An operation with the given Volume ID vol1 already exists');
    const facts = factsForPod(creatingPod([{ name: 'smb', persistentVolumeClaim: { claimName: 'pvc-cloud-volume-smb' } }]), {
      events: [refused, timedOut],
      pod: { claims: [claim('smb', 'pvc-cloud-volume-smb', 'pv-cloud-volume-smb')] },
    });
    const finding = mountFailed.detect(facts)!;
    expect(finding.title).toContain('did not finish MountVolume.MountDevice in time (context deadline exceeded)');
    expect(finding.vars).toMatchObject({ volume: 'smb', cause: 'csi-timeout' });
  });

  it('explains "operation already exists" when it is the only error left', () => {
    const facts = factsForPod(creatingPod([{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }]), {
      events: [volumeEvent('FailedMount', 'MountVolume.MountDevice failed for volume "pvc-9" : rpc error: code = Aborted desc = an operation with the given Volume ID 0001-0009-rook-ceph-0000000000000002-5d2f already exists')],
      pod: { claims: [claim('data', 'data-web-1', 'pvc-9')] },
    });
    const finding = mountFailed.detect(facts)!;
    expect(finding.title).toContain('an earlier call for volume 0001-0009-rook-ceph-0000000000000002-5d2f is still running');
    expect(finding.vars?.cause).toBe('operation-pending');
  });

  it('falls back to the volume manager summary when the specific error has expired', () => {
    const facts = factsForPod(creatingPod([{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-1' } }]), {
      events: [volumeEvent('FailedMount', 'Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition')],
    });
    expect(mountFailed.detect(facts)!.vars).toMatchObject({ volume: 'data', cause: 'timeout' });
  });

  it('does not blame a kubelet cache hiccup that also shows up on healthy pods', () => {
    const facts = factsForPod(creatingPod([{ name: 'config', configMap: { name: 'web-config' } }]), {
      events: [volumeEvent('FailedMount', 'MountVolume.SetUp failed for volume "kube-api-access-8x2lq" : object "shop"/"kube-root-ca.crt" not registered')],
    });
    expect(mountFailed.detect(facts)).toBeUndefined();
  });

  it('is silent once the pod runs, whatever old FailedMount events say', () => {
    const pod = creatingPod([{ name: 'config', configMap: { name: 'web-config' } }]);
    pod.status = { phase: 'Running', containerStatuses: [{ name: 'web', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-21T11:40:00Z' } } }] };
    const facts = factsForPod(pod, { events: [volumeEvent('FailedMount', 'MountVolume.SetUp failed for volume "kube-api-access-1" : object "shop"/"kube-root-ca.crt" not registered')] });
    expect(mountFailed.detect(facts)).toBeUndefined();
  });
});
