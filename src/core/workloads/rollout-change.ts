import type { Facts } from '../facts/facts.ts';
import type { Evidence } from '../findings/finding.ts';
import type { Container, Workload } from '../kube/types.ts';
import { revisionOf } from './workload-pods.ts';

export interface RolloutChange {
  deployment: string;
  fromRevision: number;
  toRevision: number;
  /** What the new revision's pod template changed: "api image: shop/api:1.4.2 -> shop/api:1.4.3". */
  changes: TemplateChange[];
}

export interface TemplateChange {
  text: string;
  /** The values compared, when they may be shown (env values never are). */
  before?: string;
  after?: string;
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

/** The changes as evidence, leaving out any the finding already cites (a detector may know the rollout too). */
export function rolloutEvidence(change: RolloutChange, cited: readonly Evidence[]): Evidence[] {
  const already = (c: TemplateChange) => c.before !== undefined && c.after !== undefined && cited.some((e) => e.text.includes(c.before!) && e.text.includes(c.after!));
  return change.changes
    .filter((c) => !already(c))
    .map((c) => ({
      kind: 'object',
      source: `deployment ${change.deployment} revision ${change.fromRevision} -> ${change.toRevision}`,
      text: `the rollout changed ${c.text}`,
    }));
}

function templateChanges(before: Workload, after: Workload): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const oldContainers = before.spec?.template?.spec.containers ?? [];
  for (const container of after.spec?.template?.spec.containers ?? []) {
    const old = oldContainers.find((c) => c.name === container.name);
    if (!old) {
      changes.push({ text: `container ${container.name}: added` });
      continue;
    }
    changes.push(...containerChanges(old, container));
  }
  for (const old of oldContainers) {
    if (!(after.spec?.template?.spec.containers ?? []).some((c) => c.name === old.name)) changes.push({ text: `container ${old.name}: removed` });
  }
  return changes;
}

function containerChanges(before: Container, after: Container): TemplateChange[] {
  const name = after.name;
  const changes: TemplateChange[] = [];
  if (before.image !== after.image) changes.push({ text: `${name} image: ${before.image} -> ${after.image}`, before: before.image, after: after.image });
  const compare = (label: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) changes.push({ text: `${name} ${label}: ${brief(a)} -> ${brief(b)}`, before: brief(a), after: brief(b) });
  };
  compare('command', before.command, after.command);
  compare('args', before.args, after.args);
  compare('resources', before.resources, after.resources);
  const oldEnv = new Map((before.env ?? []).map((env) => [env.name, env]));
  const newEnv = new Map((after.env ?? []).map((env) => [env.name, env]));
  for (const [key, env] of newEnv) {
    const old = oldEnv.get(key);
    if (!old) changes.push({ text: `${name} env ${key}: added` });
    else if (JSON.stringify(old) !== JSON.stringify(env)) changes.push({ text: `${name} env ${key}: changed` });
  }
  for (const key of oldEnv.keys()) if (!newEnv.has(key)) changes.push({ text: `${name} env ${key}: removed` });
  compare('envFrom', before.envFrom, after.envFrom);
  return changes;
}

// Env values are not printed: they may hold secrets that must not reach Slack.
function brief(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  return JSON.stringify(value).slice(0, 120);
}
