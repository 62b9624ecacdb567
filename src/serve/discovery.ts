import type { KubeNode } from '../core/kube/types.ts';
import { groupVersionOf, type ApiResource } from './api-resources.ts';
import type { ObjectStore } from './object-store.ts';

// Discovery as kubectl and client libraries walk it: /version, /api, /apis and one resource
// list per group version. Answered as plain JSON even when a client prefers the aggregated
// form (apidiscovery.k8s.io): clients fall back to these documents, as they do for older servers.

const READ_VERBS = ['get', 'list'];

/** The cluster's version: its newest kubelet's (clusters run kubelets at or below the control plane), else 1.29. */
export function versionInfo(store: ObjectStore): Record<string, string> {
  const kubelets = store
    .list(store.resources.find((r) => r.kind === 'Node')!)
    .map((node) => (node as KubeNode).status?.nodeInfo?.kubeletVersion)
    .filter((version): version is string => typeof version === 'string' && /^v\d+\.\d+\.\d+/.test(version))
    .sort((a, b) => compareVersions(b, a));
  const gitVersion = kubelets[0] ?? 'v1.29.0';
  const [, major = '1', minor = '29'] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? [];
  return {
    major,
    minor,
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: store.moment.toISOString().replace(/\.\d+Z$/, 'Z'),
    goVersion: 'go1.22.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function compareVersions(a: string, b: string): number {
  const parts = (version: string) => (/^v(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

export function apiVersions(address: string): unknown {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: address }] };
}

function groupEntry(group: string, resources: readonly ApiResource[]): unknown {
  const versions = [...new Set(resources.filter((r) => r.group === group).map((r) => r.version))].map((version) => ({
    groupVersion: `${group}/${version}`,
    version,
  }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(resources: readonly ApiResource[]): unknown {
  const groups = [...new Set(resources.map((r) => r.group).filter(Boolean))];
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((group) => groupEntry(group, resources)) };
}

/** /apis/GROUP, or undefined when no resource lives in that group. */
export function apiGroup(group: string, resources: readonly ApiResource[]): unknown {
  if (!resources.some((r) => r.group === group)) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...(groupEntry(group, resources) as object) };
}

/** /api/v1 or /apis/GROUP/VERSION, or undefined when the server has no such group version. */
export function apiResourceList(group: string, version: string, resources: readonly ApiResource[]): unknown {
  const here = resources.filter((r) => r.group === group && r.version === version);
  if (here.length === 0) return undefined;
  const entries = here.flatMap((resource) => {
    const entry = {
      name: resource.plural,
      singularName: resource.singular,
      namespaced: resource.namespaced,
      kind: resource.kind,
      verbs: READ_VERBS,
      ...(resource.shortNames ? { shortNames: resource.shortNames } : {}),
      ...(resource.categories ? { categories: resource.categories } : {}),
    };
    // kubectl logs needs pods/log; RBAC grants it as its own resource.
    const log = { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] };
    return resource.kind === 'Pod' && !resource.group ? [entry, log] : [entry];
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersionOf({ group, version }), resources: entries };
}
