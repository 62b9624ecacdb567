import { eventsWithReason } from '../events/timeline.ts';
import type { Facts, WorkloadFacts } from '../facts/facts.ts';
import type { Evidence, FindingDraft } from '../findings/finding.ts';
import type { Container, LimitRange, ResourceQuota, Workload } from '../kube/types.ts';
import { parseAdmissionRefusals, type Refusal } from '../scheduling/admission-refusals.ts';
import { eventSource } from '../scheduling/unscheduled-pod.ts';
import type { Detector } from './detector.ts';

// The controller cannot create the pod at all: the ResourceQuota or LimitRange admission
// plugin refuses it. Nothing is Pending, so there is often no pod to look at; the refusal is
// in the ReplicaSet's, StatefulSet's or Job's FailedCreate events and in the Deployment's
// ReplicaFailure condition. The quota's own status (used/hard) backs the message up.

export const quotaExceeded: Detector = {
  id: 'quota-exceeded',
  priority: 20,
  detect(facts: Facts): FindingDraft | undefined {
    const workload = facts.workload;
    if (!workload) return undefined;
    const refusal = latestRefusal(workload, facts.now);
    if (!refusal) return undefined;
    const { first, all, evidence, controller } = refusal;
    const template = (controller?.spec?.template ?? (workload.object as Workload).spec?.template)?.spec;
    const containers = [...(template?.initContainers ?? []), ...(template?.containers ?? [])];
    const described = describe(first, facts, template?.containers ?? [], template?.initContainers ?? []);
    const more = all.slice(1).map((r) => r.text);
    return {
      id: 'quota-exceeded',
      title: `${controllerName(controller, evidence)} ${cannotCreate(controller)}: ${described.title}`,
      detail: [described.detail, more.length > 0 ? `The API server also refused: ${more.join('; ')}.` : ''].filter(Boolean).join(' '),
      evidence: [evidence, ...described.evidence, ...templateEvidence(containers, first)],
      ruledOut: described.ruledOut,
      vars: { ...described.vars, ...(controller ? { controller: `${controller.kind}/${controller.metadata.name}` } : {}) },
    };
  },
};

interface LatestRefusal {
  first: Refusal;
  all: Refusal[];
  evidence: Evidence;
  controller?: Workload;
}

/** The newest FailedCreate (or ReplicaFailure condition) that a quota or LimitRange explains, from a controller still short of pods. */
function latestRefusal(workload: WorkloadFacts, now: Date): LatestRefusal | undefined {
  const controllers = [workload.object, workload.owner?.object, ...workload.revisions].filter((o): o is Workload => o !== undefined);
  for (const event of eventsWithReason(workload.events, 'FailedCreate')) {
    const all = parseAdmissionRefusals(event.message);
    if (all.length === 0) continue;
    const [kind, name] = event.object.split('/');
    const controller = controllers.find((c) => c.kind === kind && c.metadata.name === name);
    if (controller && !stillShort(controller)) continue;
    return { first: all[0]!, all, controller, evidence: { kind: 'event', source: `${eventSource(event, now)} on ${event.object}`, text: event.message } };
  }
  // Events expire; the ReplicaFailure condition stays while the controller keeps failing.
  for (const controller of controllers) {
    const condition = controller.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    const all = parseAdmissionRefusals(condition?.message ?? '');
    if (condition && all.length > 0) {
      return { first: all[0]!, all, controller, evidence: { kind: 'status', source: `${controller.kind}/${controller.metadata.name} status.conditions[ReplicaFailure]`, text: condition.message ?? '' } };
    }
  }
  return undefined;
}

/** A controller that has since created all its pods (or finished) is not blocked any more. */
function stillShort(controller: Workload): boolean {
  const conditions = controller.status?.conditions ?? [];
  if (conditions.some((c) => c.type === 'ReplicaFailure' && c.status === 'True')) return true;
  if (controller.kind === 'Job') return !conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  if (controller.kind === 'Deployment' || controller.kind === 'CronJob') return true;
  return (controller.status?.replicas ?? 0) < (controller.spec?.replicas ?? 1);
}

/** "cannot create pods", or, when some exist (a scale-up or a rollout's surge): "has 2 of 3 pods and cannot create the rest". */
function cannotCreate(controller: Workload | undefined): string {
  const want = controller?.spec?.replicas;
  const have = controller?.status?.replicas ?? 0;
  if (controller?.kind !== 'Job' && want !== undefined && have > 0 && have < want) return `has ${have} of ${want} pods and cannot create the rest`;
  return 'cannot create pods';
}

function controllerName(controller: Workload | undefined, evidence: Evidence): string {
  if (controller) return `${controller.kind} ${controller.metadata.name}`;
  return / on (\S+)$/.exec(evidence.source)?.[1]?.replace('/', ' ') ?? 'The controller';
}

interface Described {
  title: string;
  detail: string;
  evidence: Evidence[];
  ruledOut?: string[];
  vars: Record<string, string>;
}

function describe(refusal: Refusal, facts: Facts, containers: readonly Container[], inits: readonly Container[]): Described {
  const quota = facts.policy.quotas.find((q) => q.metadata.name === refusal.quota);
  switch (refusal.kind) {
    case 'quota-exceeded': {
      const resources = Object.keys(refusal.requested ?? {});
      const parts = resources.map((r) => `${r} ${refusal.used?.[r]} used of ${refusal.limited?.[r]}, the pod needs ${refusal.requested?.[r]}`);
      const first = resources[0] ?? '';
      return {
        title: `ResourceQuota ${refusal.quota} is full (${parts.join('; ')})`,
        detail: `Each new pod would push the namespace over its ResourceQuota ${refusal.quota}: ${parts.join('; ')}. Pods already running keep their share until they are removed or the quota is raised.`,
        evidence: quotaEvidence(quota, resources),
        ruledOut: otherQuotasRuledOut(facts.policy.quotas, refusal.quota),
        vars: { quota: refusal.quota ?? '', resource: first, requested: refusal.requested?.[first] ?? '', used: refusal.used?.[first] ?? '', hard: refusal.limited?.[first] ?? '', limit: refusal.limited?.[first] ?? '' },
      };
    }
    case 'quota-needs-limits': {
      const missing = refusal.missing ?? {};
      const resources = Object.keys(missing);
      const template = [...inits, ...containers];
      // 1.27+ names the containers per field; before, the template says which leave what unset.
      const named = Object.values(missing).flat().length > 0;
      const unsetBy = new Map<string, string[]>();
      for (const resource of resources) {
        const who = named ? (missing[resource] ?? []) : template.filter((c) => unset(c, resource)).map((c) => c.name);
        for (const name of who) unsetBy.set(name, [...(unsetBy.get(name) ?? []), resource]);
      }
      const names = [...unsetBy.keys()];
      // Named by the API server but absent from the template: added at admission (a sidecar injector).
      const injected = named ? names.filter((name) => !template.some((c) => c.name === name)) : [];
      const detail = [`A quota on ${resources.join(', ')} makes the field mandatory: the API server refuses any pod with a container that leaves it unset (a LimitRange default would fill it in).`];
      if (injected.length > 0) {
        detail.push(
          `${listOf(injected)} ${injected.length === 1 ? 'is' : 'are'} not in the workload's pod template: a mutating admission webhook (a service mesh's sidecar injector, for one) adds ${injected.length === 1 ? 'it' : 'them'} when the pod is created, so ${injected.length === 1 ? 'its' : 'their'} resources are set in that injector's configuration or by a LimitRange default, not in the workload.`,
        );
      }
      return {
        title: `ResourceQuota ${refusal.quota} requires ${resources.join(', ')} on every container: ${names.length > 0 ? whatEachLacks(unsetBy, resources) : 'some containers do not set them'}`,
        detail: detail.join(' '),
        evidence: quotaEvidence(quota, resources),
        vars: { quota: refusal.quota ?? '', resource: resources[0] ?? '', resources: resources.join(', '), ...(names[0] ? { container: names[0] } : {}) },
      };
    }
    case 'quota-status-unknown':
      return {
        title: `ResourceQuota ${refusal.quota} has no usage status yet, so every new pod is refused`,
        detail: `The quota controller has not computed status.used for ${refusal.quota}; until it does, the API server refuses pods it covers. This points at kube-controller-manager.`,
        evidence: quotaEvidence(quota, Object.keys(quota?.spec?.hard ?? {})),
        vars: { quota: refusal.quota ?? '' },
      };
    default:
      return describeLimitRange(refusal, facts.policy.limitRanges, containers, inits);
  }
}

/** "container check-linux-kernel sets none of them, containers istio-init and istio-proxy set no limits.cpu": grouped by what they leave unset. */
function whatEachLacks(unsetBy: ReadonlyMap<string, string[]>, resources: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const [name, fields] of unsetBy) {
    const key = fields.length === resources.length ? '' : fields.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  return [...groups]
    .map(([fields, names]) => `${names.length === 1 ? 'container' : 'containers'} ${listOf(names)} ${names.length === 1 ? 'sets' : 'set'} ${fields ? `no ${fields}` : resources.length === 1 ? 'none' : 'none of them'}`)
    .join(', ');
}

function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Whether a container leaves a quota resource unset: "limits.cpu", "requests.memory", or bare "cpu" (a request). */
function unset(container: Container, quotaResource: string): boolean {
  const [field, resource] = quotaResource.includes('.') ? (quotaResource.split(/\.(.*)/) as [string, string]) : ['requests', quotaResource];
  const list = field === 'limits' ? container.resources?.limits : container.resources?.requests;
  // The API server copies a limit into an unset request, so a limit satisfies a request quota.
  return list?.[resource] === undefined && (field === 'limits' || container.resources?.limits?.[resource] === undefined);
}

function describeLimitRange(refusal: Refusal, limitRanges: readonly LimitRange[], containers: readonly Container[], inits: readonly Container[]): Described {
  const resource = refusal.resource ?? '';
  const field = refusal.field === 'request' ? 'requests' : 'limits';
  const container =
    refusal.containerIndex !== undefined
      ? (refusal.initContainer ? inits : containers)[refusal.containerIndex]
      : [...inits, ...containers].find((c) => (refusal.observed ? String(c.resources?.[field]?.[resource] ?? '') === refusal.observed : c.resources?.[field]?.[resource] === undefined));
  const owner = findLimitRange(limitRanges, refusal);
  const who = container ? `container ${container.name}` : 'a container';
  const vars: Record<string, string> = { resource, ...(container ? { container: container.name } : {}), ...(owner ? { limitRange: owner.name } : {}) };
  const evidence: Evidence[] = owner ? [{ kind: 'object', source: `limitrange/${owner.name} spec.limits[type=${owner.type}]`, text: owner.text }] : [];
  if (refusal.kind === 'request-above-limit') {
    const limit = refusal.enforced ?? (container ? String(container.resources?.limits?.[resource] ?? '') : '');
    const defaulted = !container?.resources?.limits?.[resource] && owner ? ` (defaulted by LimitRange ${owner.name})` : '';
    Object.assign(vars, { requested: refusal.observed ?? '', limit: limit || 'its limit' });
    return {
      title: `${who} requests ${refusal.observed} ${resource}, above its ${resource} limit${limit ? ` ${limit}` : ''}${defaulted}`,
      detail: `A request may not exceed its limit. ${defaulted ? 'The container sets no limit, so the LimitRange default applied, and it is below the request.' : 'Raise the limit or lower the request.'}`,
      evidence,
      vars,
    };
  }
  const bound = refusal.kind === 'limit-ratio' ? 'allows a limit/request ratio of at most' : refusal.bound === 'minimum' ? 'requires at least' : 'allows at most';
  const scope = refusal.scope ?? 'Container';
  Object.assign(vars, { limit: refusal.enforced ?? '', ...(refusal.observed ? { requested: refusal.observed } : {}) });
  const observed = refusal.observed ? `${refusal.kind === 'limit-ratio' ? 'ratio' : refusal.field} is ${refusal.observed}` : `sets no ${refusal.field}`;
  return {
    title: `LimitRange${owner ? ` ${owner.name}` : ''} ${bound} ${refusal.enforced} ${resource} per ${scope}, but ${who}'s ${observed}`.replace(`'s sets`, ' sets'),
    detail: `The LimitRange admission plugin refuses the pod: ${refusal.text.replace(/\.$/, '')}.`,
    evidence,
    vars,
  };
}

/** The LimitRange whose bound the message quotes, with that bound as evidence. */
function findLimitRange(limitRanges: readonly LimitRange[], refusal: Refusal): { name: string; type: string; text: string } | undefined {
  const key = refusal.kind === 'limit-ratio' ? 'maxLimitRequestRatio' : refusal.kind === 'request-above-limit' ? 'default' : refusal.bound === 'minimum' ? 'min' : 'max';
  for (const range of limitRanges) {
    for (const item of range.spec?.limits ?? []) {
      if (refusal.scope && item.type !== refusal.scope) continue;
      const value = item[key]?.[refusal.resource ?? ''];
      if (value === undefined || (refusal.kind !== 'request-above-limit' && refusal.enforced && String(value) !== refusal.enforced)) continue;
      return { name: range.metadata.name ?? '', type: item.type, text: `${key}.${refusal.resource}: ${value}` };
    }
  }
  return undefined;
}

function quotaEvidence(quota: ResourceQuota | undefined, resources: readonly string[]): Evidence[] {
  if (!quota) return [];
  const hard = quota.status?.hard ?? quota.spec?.hard ?? {};
  const used = quota.status?.used ?? {};
  const text = resources.filter((r) => hard[r] !== undefined).map((r) => `${r}: used ${used[r] ?? '?'} / hard ${hard[r]}`).join(', ');
  return text ? [{ kind: 'object', source: `resourcequota/${quota.metadata.name} status`, text }] : [];
}

function otherQuotasRuledOut(quotas: readonly ResourceQuota[], blocking: string | undefined): string[] {
  const others = quotas.filter((q) => q.metadata.name !== blocking).map((q) => q.metadata.name);
  return others.length > 0 ? [`other quotas (${others.join(', ')}): not named in the refusal`] : [];
}

/** The template's resources for the fields the refusal is about, so the person sees what to change. */
function templateEvidence(containers: readonly Container[], refusal: Refusal): Evidence[] {
  const limitField = refusal.resource && refusal.field ? [`${refusal.field === 'request' ? 'requests' : 'limits'}.${refusal.resource}`] : [];
  const fields = refusal.requested ? Object.keys(refusal.requested) : refusal.missing ? Object.keys(refusal.missing) : limitField;
  const wanted = fields.map((f) => /^(requests|limits)\.(.+)$/.exec(f)).filter((m): m is RegExpExecArray => m !== null);
  if (wanted.length === 0 || containers.length === 0) return [];
  const text = containers
    .map((c) => `${c.name}: ${wanted.map((m) => `${m[0]}=${c.resources?.[m[1] as 'requests' | 'limits']?.[m[2]!] ?? 'unset'}`).join(', ')}`)
    .join('; ');
  return [{ kind: 'spec', source: 'spec.template.spec.containers[*].resources', text }];
}
