// Why the API server refused to create a pod, read from a controller's FailedCreate message:
// 'Error creating: pods "web-7d9f-x" is forbidden: exceeded quota: compute, requested: ...'
// (ReplicaSet, Job), 'create Pod db-0 in StatefulSet db failed error: pods "db-0" is
// forbidden: ...'. The ResourceQuota and LimitRange admission plugins word their refusals as
// below; several LimitRange violations arrive together as one "[a, b]" aggregate.

export type RefusalKind =
  | 'quota-exceeded'
  | 'quota-needs-limits'
  | 'quota-status-unknown'
  | 'limit-range'
  | 'limit-ratio'
  | 'request-above-limit';

export interface Refusal {
  kind: RefusalKind;
  text: string;
  quota?: string;
  /** quota-exceeded: per resource ("limits.memory"), what the pod asked, what is used, the hard limit. */
  requested?: Record<string, string>;
  used?: Record<string, string>;
  limited?: Record<string, string>;
  /** quota-needs-limits: resource -> containers that do not set it (empty when the version does not say). */
  missing?: Record<string, string[]>;
  /** limit-range, limit-ratio, request-above-limit. */
  resource?: string;
  bound?: 'maximum' | 'minimum';
  scope?: string;
  enforced?: string;
  /** Which field broke the bound ("limit", "request"), and its value; absent when the field is not set. */
  field?: string;
  observed?: string;
  containerIndex?: number;
  initContainer?: boolean;
}

const QUANTITY = String.raw`[^\s,\]]+?`;
const END = String.raw`\.?(?=$|[\s,\]])`;

/** Each pattern may match several times in one message (aggregated violations). */
export const ADMISSION_REFUSAL_PATTERNS: readonly { kind: RefusalKind; pattern: RegExp }[] = [
  { kind: 'quota-exceeded', pattern: /exceeded quota: (?<quota>[^,\s]+), requested: (?<requested>\S+?), used: (?<used>\S+?), limited: (?<limited>[^\s\]]+)/g },
  // 1.27+: "must specify limits.cpu for: app; limits.memory for: app"; before: "must specify limits.cpu,limits.memory".
  { kind: 'quota-needs-limits', pattern: /failed quota: (?<quota>[^:\s]+): must specify (?<missing>[^\]\n]+)/gi },
  { kind: 'quota-status-unknown', pattern: /status unknown for quota: (?<quota>[^,\s]+)/gi },
  {
    kind: 'limit-range',
    pattern: new RegExp(
      String.raw`(?<bound>maximum|minimum) (?<resource>\S+) usage per (?<scope>Container|Pod|PersistentVolumeClaim) is (?<enforced>${QUANTITY})(?:, but (?<field>request|limit) is (?<observed>${QUANTITY})${END}|\.\s+No (?<absent>request|limit) is specified)`,
      'g',
    ),
  },
  { kind: 'limit-ratio', pattern: new RegExp(String.raw`(?<resource>\S+) max limit to request ratio per (?<scope>Container|Pod) is (?<enforced>${QUANTITY}), but provided ratio is (?<observed>[\d.]+)`, 'g') },
  // Pod validation after LimitRange defaulting: a request above the (possibly defaulted) limit.
  {
    kind: 'request-above-limit',
    pattern: /spec\.(?<list>containers|initContainers)\[(?<index>\d+)\]\.resources\.requests(?:\[[^\]]+\])?: Invalid value: "(?<observed>[^"]+)": must be less than or equal to (?<resource>\S+) limit(?: of (?<enforced>[^\s,\]]+))?/g,
  },
];

/** Every refusal the message states, in the order it states them; empty when it is not a quota or LimitRange refusal. */
export function parseAdmissionRefusals(message: string): Refusal[] {
  const found: { at: number; refusal: Refusal }[] = [];
  for (const { kind, pattern } of ADMISSION_REFUSAL_PATTERNS) {
    for (const match of message.matchAll(pattern)) {
      found.push({ at: match.index ?? 0, refusal: toRefusal(kind, match[0], match.groups ?? {}) });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.refusal);
}

function toRefusal(kind: RefusalKind, text: string, g: Record<string, string | undefined>): Refusal {
  const refusal: Refusal = { kind, text: text.trim() };
  if (g.quota) refusal.quota = g.quota;
  if (g.requested) refusal.requested = pairs(g.requested);
  if (g.used) refusal.used = pairs(g.used);
  if (g.limited) refusal.limited = pairs(g.limited);
  if (g.missing) refusal.missing = missingByResource(g.missing);
  if (g.resource) refusal.resource = g.resource;
  if (g.bound === 'maximum' || g.bound === 'minimum') refusal.bound = g.bound;
  if (g.scope) refusal.scope = g.scope;
  if (g.enforced) refusal.enforced = g.enforced;
  if (g.field ?? g.absent) refusal.field = g.field ?? g.absent;
  if (g.observed) refusal.observed = g.observed;
  if (g.index !== undefined) {
    refusal.containerIndex = Number(g.index);
    refusal.initContainer = g.list === 'initContainers';
  }
  if (kind === 'request-above-limit') refusal.field = 'request';
  return refusal;
}

/** "limits.memory=1Gi,requests.memory=512Mi" -> { "limits.memory": "1Gi", ... }. */
function pairs(list: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of list.split(',')) {
    const [name, value] = pair.split('=');
    if (name && value !== undefined) result[name.trim()] = value.trim();
  }
  return result;
}

function missingByResource(text: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const clean = text.trim().replace(/\.$/, '');
  if (!clean.includes(' for: ')) {
    for (const resource of clean.split(',')) result[resource.trim()] = [];
    return result;
  }
  for (const part of clean.split(/;\s*/)) {
    const match = /^(?:must specify )?(\S+) for: (.+)$/.exec(part.trim());
    if (match) result[match[1]!] = match[2]!.split(',').map((name) => name.trim()).filter(Boolean);
  }
  return result;
}
