import type { Pod } from '../kube/types.ts';

/** ConfigMaps a pod needs to start: env, envFrom, volumes and projected volumes. */
export function configMapsReferenced(pod: Pod): string[] {
  const names = new Set<string>();
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  for (const container of containers) {
    for (const env of container.env ?? []) {
      const name = env.valueFrom?.configMapKeyRef?.name;
      if (name) names.add(name);
    }
    for (const source of container.envFrom ?? []) if (source.configMapRef?.name) names.add(source.configMapRef.name);
  }
  for (const volume of pod.spec.volumes ?? []) {
    if (volume.configMap?.name) names.add(volume.configMap.name);
    const projected = volume.projected as { sources?: { configMap?: { name?: string } }[] } | undefined;
    for (const source of projected?.sources ?? []) if (source.configMap?.name) names.add(source.configMap.name);
  }
  return [...names];
}

/** PersistentVolumeClaims a pod mounts, including generic ephemeral volumes (claim "<pod>-<volume>"). */
export function claimsMounted(pod: Pod): { volume: string; claimName: string }[] {
  const claims: { volume: string; claimName: string }[] = [];
  for (const volume of pod.spec.volumes ?? []) {
    if (volume.persistentVolumeClaim?.claimName) claims.push({ volume: volume.name, claimName: volume.persistentVolumeClaim.claimName });
    else if (volume.ephemeral) claims.push({ volume: volume.name, claimName: `${pod.metadata.name}-${volume.name}` });
  }
  return claims;
}
