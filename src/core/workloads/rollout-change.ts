import type { Facts } from '../facts/facts.ts';
import type { Evidence } from '../findings/finding.ts';
import type { Container, Workload } from '../kube/types.ts';
import { revisionOf } from './workload-pods.ts';

export interface RolloutChange {
  deployment: string;
  fromRevision: number;
  toRevision: number;
  /** What the new revision's pod template changed, one line each: "api image: shop/api:1.4.2 -> shop/api:1.4.3". */
  changes: string[];
}

/**
 * When the pod in focus belongs to a Deployment's newest ReplicaSet and the previous one still
 * had ready pods, the rollout is the prime suspect: say what it changed in the pod template.
 */
export function rolloutChange(facts: Facts): RolloutChange | undefined {
  const workload = facts.workload;
  const deployment = workload?.owner?.kind === 'Deployment' ? workload.owner.object : workload?.kind === 'Deployment' ? workload.object : undefined;
  const [newest, previous] = workload?.revisions ?? [];
  if (!deployment || !newest || !previous) return undefined;
  const podOwner = facts.pod?.pod.metadata.ownerReferences?.find((ref) => ref.kind === 'ReplicaSet')?.name;
  if (podOwner && podOwner !== newest.metadata.name) return undefined;
  if ((previous.status?.readyReplicas ?? 0) === 0) return undefined;
  const changes = templateChanges(previous, newest);
  if (changes.length === 0) return undefined;
  return { deployment: deployment.metadata.name ?? '', fromRevision: revisionOf(previous), toRevision: revisionOf(newest), changes };
}

export function rolloutEvidence(change: RolloutChange): Evidence[] {
  return change.changes.map((text) => ({
    kind: 'object',
    source: `deployment ${change.deployment} revision ${change.fromRevision} -> ${change.toRevision}`,
    text: `the rollout changed ${text}`,
  }));
}

function templateChanges(before: Workload, after: Workload): string[] {
  const changes: string[] = [];
  const oldContainers = before.spec?.template?.spec.containers ?? [];
  for (const container of after.spec?.template?.spec.containers ?? []) {
    const old = oldContainers.find((c) => c.name === container.name);
    if (!old) {
      changes.push(`container ${container.name}: added`);
      continue;
    }
    changes.push(...containerChanges(old, container));
  }
  for (const old of oldContainers) {
    if (!(after.spec?.template?.spec.containers ?? []).some((c) => c.name === old.name)) changes.push(`container ${old.name}: removed`);
  }
  return changes;
}

function containerChanges(before: Container, after: Container): string[] {
  const name = after.name;
  const changes: string[] = [];
  if (before.image !== after.image) changes.push(`${name} image: ${before.image} -> ${after.image}`);
  const compare = (label: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) changes.push(`${name} ${label}: ${brief(a)} -> ${brief(b)}`);
  };
  compare('command', before.command, after.command);
  compare('args', before.args, after.args);
  compare('resources', before.resources, after.resources);
  const oldEnv = new Map((before.env ?? []).map((env) => [env.name, env]));
  const newEnv = new Map((after.env ?? []).map((env) => [env.name, env]));
  for (const [key, env] of newEnv) {
    const old = oldEnv.get(key);
    if (!old) changes.push(`${name} env ${key}: added`);
    else if (JSON.stringify(old) !== JSON.stringify(env)) changes.push(`${name} env ${key}: changed`);
  }
  for (const key of oldEnv.keys()) if (!newEnv.has(key)) changes.push(`${name} env ${key}: removed`);
  compare('envFrom', before.envFrom, after.envFrom);
  return changes;
}

// Env values are not printed: they may hold secrets that must not reach Slack.
function brief(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  return JSON.stringify(value).slice(0, 120);
}
