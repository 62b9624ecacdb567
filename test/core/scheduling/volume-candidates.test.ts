import { describe, expect, it } from 'vitest';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../src/core/kube/types.ts';
import { volumeMismatches } from '../../../src/core/scheduling/volume-candidates.ts';

const claim: PersistentVolumeClaim = {
  metadata: { name: 'data-db-0', namespace: 'shop' },
  spec: { storageClassName: 'local-storage', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '10Gi' } } },
  status: { phase: 'Pending' },
};

function volume(name: string, spec: PersistentVolume['spec'], phase = 'Available'): PersistentVolume {
  return { metadata: { name }, spec: { capacity: { storage: '20Gi' }, accessModes: ['ReadWriteMany'], storageClassName: 'local-storage', ...spec }, status: { phase } };
}

describe('volumeMismatches: why a volume that looks free does not bind, as the binder checks it', () => {
  it('says everything to change on a volume, nearest volume first', () => {
    const small = volume('pv-small', { capacity: { storage: '5Gi' } });
    const wrong = volume('pv-wrong', { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'] });
    const misses = volumeMismatches(claim, [wrong, small]);
    expect(misses.map((m) => m.name)).toEqual(['pv-small', 'pv-wrong']);
    expect(misses[0]).toMatchObject({ summary: '5Gi ReadWriteMany, Available', reasons: ['holds 5Gi, less than the 10Gi the claim requests'], field: 'spec.capacity.storage' });
    expect(misses[1]!.reasons).toEqual(['offers access modes ReadWriteOnce, not ReadWriteMany', 'holds 5Gi, less than the 10Gi the claim requests']);
  });

  it('reads the class from the beta annotation first, as old charts still set it', () => {
    const annotated = { ...claim, metadata: { ...claim.metadata, annotations: { 'volume.beta.kubernetes.io/storage-class': 'nfs' } } };
    expect(volumeMismatches(annotated, [volume('pv-1', {})])[0]!.reasons).toEqual(['has storageClassName local-storage, while the claim asks for nfs']);
  });

  it('names a Released volume still reserved for the claim it served', () => {
    const released = volume('pv-retained', { claimRef: { name: 'data-db-0-old', namespace: 'shop' } }, 'Released');
    expect(volumeMismatches(claim, [released])[0]!.reasons[0]).toBe('is still reserved for its previous claim shop/data-db-0-old (spec.claimRef), and binds again only once that reference is removed');
  });

  it('leaves out volumes bound elsewhere, and volumes that would fit (nothing to explain)', () => {
    const bound = volume('pv-bound', { claimRef: { name: 'other', namespace: 'shop' } }, 'Bound');
    expect(volumeMismatches(claim, [bound, volume('pv-fits', {})])).toEqual([]);
  });

  it('checks the claim selector and the volume mode', () => {
    const selective = { ...claim, spec: { ...claim.spec, selector: { matchLabels: { disk: 'fast' } }, volumeMode: 'Block' } };
    expect(volumeMismatches(selective, [volume('pv-1', {})])[0]!.reasons).toEqual([
      'has volumeMode Filesystem, while the claim wants Block',
      "has labels that do not match the claim's spec.selector",
    ]);
  });
});
