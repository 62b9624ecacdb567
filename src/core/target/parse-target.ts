import type { TargetSpec, WorkloadKind } from './target.ts';

// The kind prefixes kubectl accepts, short and long, so muscle memory works here too.
const KIND_ALIASES: Record<string, TargetSpec['kind']> = {
  po: 'Pod', pod: 'Pod', pods: 'Pod',
  deploy: 'Deployment', deployment: 'Deployment', deployments: 'Deployment', 'deployment.apps': 'Deployment',
  sts: 'StatefulSet', statefulset: 'StatefulSet', statefulsets: 'StatefulSet', 'statefulset.apps': 'StatefulSet',
  ds: 'DaemonSet', daemonset: 'DaemonSet', daemonsets: 'DaemonSet', 'daemonset.apps': 'DaemonSet',
  rs: 'ReplicaSet', replicaset: 'ReplicaSet', replicasets: 'ReplicaSet', 'replicaset.apps': 'ReplicaSet',
  job: 'Job', jobs: 'Job', 'job.batch': 'Job',
  cj: 'CronJob', cronjob: 'CronJob', cronjobs: 'CronJob', 'cronjob.batch': 'CronJob',
};

/** The short form a person types, for messages and commands: deploy/web. */
export const SHORT_KIND: Record<TargetSpec['kind'], string> = {
  Pod: 'pod',
  Deployment: 'deploy',
  StatefulSet: 'sts',
  DaemonSet: 'ds',
  ReplicaSet: 'rs',
  Job: 'job',
  CronJob: 'cronjob',
};

export type ParsedTarget = { ok: true; spec: TargetSpec } | { ok: false; error: string };

// DNS-1123 subdomain: what the API server accepts as an object name.
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** "checkout-7d9f" (pod name or prefix), "pod/x" (exact pod), "deploy/web", "sts/db", "job/migrate" ... */
export function parseTarget(input: string): ParsedTarget {
  const text = input.trim();
  if (!text) return { ok: false, error: 'no target given: name a pod (checkout-7d9f), a prefix of one, or a workload (deploy/checkout)' };
  const slash = text.indexOf('/');
  if (slash === -1) {
    if (!NAME.test(text)) return { ok: false, error: invalidName(text) };
    return { ok: true, spec: { kind: 'Pod', name: text, exact: false } };
  }
  const alias = text.slice(0, slash).toLowerCase();
  const name = text.slice(slash + 1);
  const kind = KIND_ALIASES[alias];
  if (!kind) {
    return {
      ok: false,
      error: `unknown kind "${alias}" in "${text}": use pod/, deploy/, sts/, ds/, rs/, job/ or cronjob/ (e.g. deploy/${name || 'checkout'})`,
    };
  }
  if (!name || !NAME.test(name)) return { ok: false, error: invalidName(name || text) };
  if (kind === 'Pod') return { ok: true, spec: { kind, name, exact: true } };
  return { ok: true, spec: { kind: kind as WorkloadKind, name } };
}

function invalidName(name: string): string {
  return `"${name}" is not a Kubernetes object name (lowercase letters, digits, "-" and "."): try the pod name as kubectl get pods shows it, or deploy/NAME`;
}
