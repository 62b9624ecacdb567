import type { KubeObject, PersistentVolumeClaim } from '../../core/kube/types.ts';
import { ageColumn, nameColumn, since, type TablePrinter } from './table.ts';

// Claims, ConfigMaps, Secrets and Namespaces as the API server prints them. A Secret's DATA is a
// count of keys: the replay server never has values to show.

type Keyed = KubeObject & { data?: Record<string, unknown>; binaryData?: Record<string, unknown>; type?: string };

const keyCount = (object: KubeObject) => Object.keys((object as Keyed).data ?? {}).length + Object.keys((object as Keyed).binaryData ?? {}).length;

export const claimPrinter: TablePrinter = {
  columns: [
    nameColumn,
    { name: 'Status', type: 'string', description: 'Phase represents the current phase of PersistentVolumeClaim.' },
    { name: 'Volume', type: 'string', description: 'VolumeName is the binding reference to the PersistentVolume backing this claim.' },
    { name: 'Capacity', type: 'string', description: 'Capacity represents the actual resources of the underlying volume.' },
    { name: 'Access Modes', type: 'string', description: 'AccessModes contains all ways the volume backing the PVC can be mounted.' },
    { name: 'StorageClass', type: 'string', description: 'StorageClassName of the claim.' },
    ageColumn,
    { name: 'VolumeMode', type: 'string', priority: 1, description: 'volumeMode defines what type of volume is required by the claim.' },
  ],
  cells(object, now) {
    const claim = object as PersistentVolumeClaim;
    const bound = claim.status?.phase === 'Bound';
    const modes = (claim.spec?.accessModes ?? []).map((mode) => ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[mode] ?? mode);
    const storageClass = claim.spec?.storageClassName ?? claim.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '<unset>';
    return [
      claim.metadata.name ?? '',
      claim.metadata.deletionTimestamp ? 'Terminating' : (claim.status?.phase ?? ''),
      claim.spec?.volumeName ?? '',
      bound ? String(claim.status?.capacity?.storage ?? '') : '',
      bound ? modes.join(',') : '',
      storageClass || '<unset>',
      since(claim.metadata.creationTimestamp, now),
      claim.spec?.volumeMode ?? 'Filesystem',
    ];
  },
};

export const configMapPrinter: TablePrinter = {
  columns: [nameColumn, { name: 'Data', type: 'integer', description: 'Number of keys.' }, ageColumn],
  cells: (object, now) => [object.metadata.name ?? '', keyCount(object), since(object.metadata.creationTimestamp, now)],
};

export const secretPrinter: TablePrinter = {
  columns: [nameColumn, { name: 'Type', type: 'string', description: 'The type of the secret' }, { name: 'Data', type: 'integer', description: 'Number of keys.' }, ageColumn],
  cells: (object, now) => [object.metadata.name ?? '', (object as Keyed).type ?? 'Opaque', keyCount(object), since(object.metadata.creationTimestamp, now)],
};

export const namespacePrinter: TablePrinter = {
  columns: [nameColumn, { name: 'Status', type: 'string', description: 'The status of the namespace' }, ageColumn],
  cells: (object, now) => [object.metadata.name ?? '', ((object as { status?: { phase?: string } }).status?.phase ?? 'Active'), since(object.metadata.creationTimestamp, now)],
};
