import { parseQuantity } from '../kube/quantity.ts';
import { matchesRequirements, requirementsOf } from '../kube/selectors.ts';
import type { PersistentVolume, PersistentVolumeClaim } from '../kube/types.ts';

/**
 * Why a PersistentVolume that looks free does not bind to an unbound claim: the checks of the
 * binder (FindMatchingVolume in the persistentvolume controller), all of them, so a person sees
 * everything to change at once. The classic case: a static volume with storageClassName
 * "manual" next to a chart's claim that names no class, where both look right on their own.
 */
export interface VolumeMismatch {
  name: string;
  /** "25Gi ReadWriteOnce, Available" as kubectl get pv shows it. */
  summary: string;
  /** What keeps it from the claim, in the binder's order, each to be read after "but": "has storageClassName manual, ...". */
  reasons: string[];
  /** The field a person compares first: the first failing check's. */
  field: string;
}

const CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** The class the binder compares: the beta annotation wins over the field, as in GetPersistentVolume(Claim)Class. */
function classOf(object: PersistentVolume | PersistentVolumeClaim): string {
  return object.metadata.annotations?.[CLASS_ANNOTATION] ?? object.spec?.storageClassName ?? '';
}

/**
 * The volumes an unbound claim might have been expected to take, nearest first, each with why
 * it does not: Available ones that fail a check, and Released ones still reserved for the claim
 * they served (a Retain volume does not become Available again by itself).
 */
export function volumeMismatches(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[]): VolumeMismatch[] {
  const namespace = claim.metadata.namespace ?? '';
  const found: VolumeMismatch[] = [];
  for (const volume of volumes) {
    const ref = volume.spec?.claimRef;
    const mine = ref?.name === claim.metadata.name && (ref?.namespace ?? namespace) === namespace;
    const phase = volume.status?.phase ?? '';
    if (phase === 'Released' && ref && !mine) {
      found.push(mismatch(volume, [`is still reserved for its previous claim ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} (spec.claimRef), and binds again only once that reference is removed`], 'spec.claimRef'));
      continue;
    }
    // Bound, Failed, or pre-bound to another claim: not a candidate anyone expects.
    if (phase !== 'Available' || (ref && !mine)) continue;
    const checks = failedChecks(claim, volume);
    if (checks.length > 0) found.push(mismatch(volume, checks.map((c) => c.reason), checks[0]!.field));
  }
  return found.sort((a, b) => a.reasons.length - b.reasons.length || a.name.localeCompare(b.name));
}

function failedChecks(claim: PersistentVolumeClaim, volume: PersistentVolume): { reason: string; field: string }[] {
  const failed: { reason: string; field: string }[] = [];
  const wantedMode = claim.spec?.volumeMode ?? 'Filesystem';
  const volumeMode = volume.spec?.volumeMode ?? 'Filesystem';
  if (wantedMode !== volumeMode) failed.push({ reason: `has volumeMode ${volumeMode}, while the claim wants ${wantedMode}`, field: 'spec.volumeMode' });
  const selector = requirementsOf(claim.spec?.selector);
  if (selector && !matchesRequirements(volume.metadata.labels, selector)) failed.push({ reason: "has labels that do not match the claim's spec.selector", field: 'metadata.labels' });
  const wantedClass = classOf(claim);
  const volumeClass = classOf(volume);
  if (wantedClass !== volumeClass) {
    failed.push({
      reason: volumeClass ? `has storageClassName ${volumeClass}, while the claim ${wantedClass ? `asks for ${wantedClass}` : 'names no class'}` : `has no storageClassName, while the claim asks for ${wantedClass}`,
      field: 'spec.storageClassName',
    });
  }
  const modes = new Set(volume.spec?.accessModes ?? []);
  const lacking = (claim.spec?.accessModes ?? []).filter((mode) => !modes.has(mode));
  if (lacking.length > 0) failed.push({ reason: `offers access modes ${[...modes].join(', ') || '(none)'}, not ${lacking.join(', ')}`, field: 'spec.accessModes' });
  const requested = claim.spec?.resources?.requests?.storage;
  const capacity = volume.spec?.capacity?.storage;
  if (requested !== undefined && capacity !== undefined && parseQuantity(capacity) < parseQuantity(requested)) {
    failed.push({ reason: `holds ${capacity}, less than the ${requested} the claim requests`, field: 'spec.capacity.storage' });
  }
  return failed;
}

function mismatch(volume: PersistentVolume, reasons: string[], field: string): VolumeMismatch {
  const size = [volume.spec?.capacity?.storage, (volume.spec?.accessModes ?? []).join(',')].filter(Boolean).join(' ');
  const summary = [size, volume.status?.phase].filter(Boolean).join(', ');
  return { name: volume.metadata.name ?? '?', summary, reasons, field };
}
