// "Diagnose pod" on an alert message: find the pod (or workload) and namespace the alert is
// about. Alert texts come from templates, so this is a table of the shapes they take (label
// sets, Slack fields, Datadog tags, OpenTelemetry attributes, kube-prometheus descriptions),
// strongest first. Nothing is guessed from free prose beyond these shapes.

import { SHORT_KIND } from '../core/target/parse-target.ts';

export interface AlertTarget {
  /** "checkout-7d9f8b6c5-x2x9z", or "deploy/checkout" when the alert names only a workload. */
  target: string;
  namespace?: string;
  /** The alert's cluster label, as written there (it may not be a configured cluster's name). */
  cluster?: string;
  /** Which shape the target was found in, for logs and tests. */
  foundBy: string;
  /** Other pods or workloads a grouped alert names, in order. */
  others: string[];
}

export type AlertParse = { ok: true; alert: AlertTarget } | { ok: false; lookedFor: string[] };

interface Hit {
  pod?: string;
  workload?: string;
  namespace?: string;
  cluster?: string;
  at: number;
}

interface AlertPattern {
  name: string;
  /** Said to the person when nothing matched, so they know what the shortcut reads. */
  lookedFor?: string;
  /** Higher wins: an exact label beats a name read from a sentence. */
  strength: number;
  find: (text: string) => Hit[];
}

// Object names as the API server accepts them; lowercase only, so "Pod: Checkout" is not one.
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const VALUE = '[`*_"\']*([A-Za-z0-9][-A-Za-z0-9.]*)';
const QUOTE = '[`*_"\']*';

const isName = (value: string) => value.length <= 253 && NAME.test(value);
const isNamespace = (value: string) => value.length <= 63 && NAMESPACE.test(value);

/** key=value, key="value", key: value, *key:* `value`, key:value (Datadog), "- key = value". */
function labels(keys: readonly string[], role: 'pod' | 'namespace' | 'cluster' | `workload:${string}`): (text: string) => Hit[] {
  const alternatives = keys.map((key) => key.replace(/\./g, '\\.')).join('|');
  const pattern = new RegExp(`(?<![\\w.-])(?:${alternatives})[*_\`]*[ \\t]*[:=][*_ \\t]*${VALUE}`, 'gi');
  return (text) =>
    [...text.matchAll(pattern)].flatMap((match): Hit[] => {
      const value = match[1]!.replace(/\.+$/, '');
      const at = match.index;
      if (role === 'namespace') return isNamespace(value) ? [{ namespace: value, at }] : [];
      if (!isName(value)) return [];
      if (role === 'pod') return [{ pod: value, at }];
      if (role === 'cluster') return [{ cluster: value, at }];
      return [{ workload: `${role.slice('workload:'.length)}/${value}`, at }];
    });
}

/** A sentence naming namespace and pod: the regex's groups say which is which. */
function prose(pattern: RegExp, groups: { namespace: number; name: number }, kind?: string): (text: string) => Hit[] {
  return (text) =>
    [...text.matchAll(pattern)].flatMap((match): Hit[] => {
      const namespace = match[groups.namespace]!;
      const name = match[groups.name]!.replace(/\.+$/, '');
      if (!isNamespace(namespace) || !isName(name)) return [];
      const kindWord = kind ?? 'pod';
      return [kindWord === 'pod' ? { pod: name, namespace, at: match.index } : { workload: `${kindWord}/${name}`, namespace, at: match.index }];
    });
}

// The characters Kubernetes' generated names use (k8s.io/apimachinery rand.SafeEncodeString):
// no vowels, no 0/1/3, so "checkout-7d9f8b6c5-x2x9z" is a Deployment's pod and "api-v2" is not.
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';
const GENERATED_POD = new RegExp(`(?<![-\\w./])([a-z0-9][-a-z0-9]*-${SAFE}{5,10}-${SAFE}{5})(?![-\\w])`, 'g');

const PATTERNS: readonly AlertPattern[] = [
  // kube-state-metrics scraped without honor_labels: `pod` is kube-state-metrics itself and
  // the pod the alert is about moves to exported_pod.
  { name: 'exported_pod label', strength: 9, find: labels(['exported_pod'], 'pod') },
  { name: 'exported_namespace label', strength: 9, find: labels(['exported_namespace'], 'namespace') },
  {
    name: 'pod label',
    lookedFor: 'labels and fields: pod="…" / pod: … / pod = … with namespace (Alertmanager, Grafana), exported_pod',
    strength: 8,
    find: labels(['pod', 'kubernetes_pod_name'], 'pod'),
  },
  { name: 'Datadog tag', lookedFor: 'Datadog tags: pod_name:…, kube_namespace:…', strength: 8, find: labels(['pod_name', 'kube_pod_name'], 'pod') },
  {
    name: 'OpenTelemetry attribute',
    lookedFor: 'OpenTelemetry and Elastic attributes: k8s.pod.name, kubernetes.pod.name',
    strength: 8,
    find: labels(['k8s.pod.name', 'kubernetes.pod.name'], 'pod'),
  },
  {
    name: 'namespace label',
    strength: 8,
    find: labels(['namespace', 'kube_namespace', 'kubernetes_namespace', 'k8s.namespace.name', 'kubernetes.namespace'], 'namespace'),
  },
  { name: 'cluster label', strength: 8, find: labels(['cluster', 'cluster_name', 'kube_cluster_name', 'k8s.cluster.name'], 'cluster') },
  {
    name: 'kube-prometheus description',
    lookedFor: 'kube-prometheus descriptions: "Pod shop/checkout-7d9f …", "pod/checkout-7d9f in namespace shop"',
    strength: 6,
    find: (text) => [
      ...prose(new RegExp(`\\bpod\\s+${QUOTE}([a-z0-9][-a-z0-9]*)${QUOTE}/${QUOTE}([a-z0-9][-a-z0-9.]*)`, 'gi'), { namespace: 1, name: 2 })(text),
      ...prose(new RegExp(`\\bpod(?:/|\\s+)${QUOTE}([a-z0-9][-a-z0-9.]*)${QUOTE}\\s+(?:in|on)\\s+(?:the\\s+)?namespace\\s+${QUOTE}([a-z0-9][-a-z0-9]*)`, 'gi'), { namespace: 2, name: 1 })(text),
    ],
  },
  {
    name: 'workload label',
    lookedFor: 'workload labels (deployment, statefulset, daemonset, job_name, kube_deployment …) when no pod is named',
    strength: 5,
    find: (text) => [
      ...labels(['deployment', 'kube_deployment', 'k8s.deployment.name'], 'workload:deploy')(text),
      ...labels(['statefulset', 'kube_stateful_set', 'k8s.statefulset.name'], 'workload:sts')(text),
      ...labels(['daemonset', 'kube_daemon_set', 'k8s.daemonset.name'], 'workload:ds')(text),
      // `job` is Prometheus' scrape job ("kube-state-metrics"); the Kubernetes Job is job_name.
      ...labels(['job_name', 'kube_job', 'k8s.job.name'], 'workload:job')(text),
    ],
  },
  {
    name: 'kube-prometheus workload description',
    lookedFor: 'descriptions such as "Deployment shop/checkout has not matched …", "Job shop/migrate failed"',
    strength: 4,
    find: (text) =>
      (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'] as const).flatMap((kind) =>
        prose(new RegExp(`\\b${kind}\\s+${QUOTE}([a-z0-9][-a-z0-9]*)${QUOTE}/${QUOTE}([a-z0-9][-a-z0-9.]*)`, 'g'), { namespace: 1, name: 2 }, SHORT_KIND[kind])(text),
      ),
  },
  {
    name: 'namespace phrase',
    strength: 3,
    find: (text) =>
      [...text.matchAll(new RegExp(`\\b(?:in|on)\\s+(?:the\\s+)?namespace\\s+${QUOTE}([a-z0-9][-a-z0-9]*)`, 'gi'))]
        .filter((match) => isNamespace(match[1]!))
        .map((match) => ({ namespace: match[1]!, at: match.index })),
  },
  {
    name: 'generated pod name',
    lookedFor: 'a Deployment pod name anywhere, such as checkout-7d9f8b6c5-x2x9z (PagerDuty titles)',
    strength: 2,
    find: (text) => [...text.matchAll(GENERATED_POD)].map((match) => ({ pod: match[1]!, at: match.index })),
  },
];

export const LOOKED_FOR: readonly string[] = PATTERNS.flatMap((pattern) => (pattern.lookedFor ? [pattern.lookedFor] : []));

/** The pod (else workload) an alert is about, with its namespace and cluster when it says. */
export function findAlertTarget(text: string): AlertParse {
  const hits = PATTERNS.flatMap((pattern) => pattern.find(text).map((hit) => ({ ...hit, pattern })));
  const best = (list: typeof hits) => [...list].sort((a, b) => b.pattern.strength - a.pattern.strength || a.at - b.at);

  // A pod beats a workload: the alert's own pod is what to look at first.
  const pods = best(hits.filter((hit) => hit.pod));
  const targets = pods.length > 0 ? pods : best(hits.filter((hit) => hit.workload));
  const first = targets[0];
  if (!first) return { ok: false, lookedFor: [...LOOKED_FOR] };

  const strongest = targets.filter((hit) => hit.pattern.strength === first.pattern.strength);
  const names = [...new Set(strongest.map((hit) => hit.pod ?? hit.workload!))];
  // The namespace said with this very pod, else the alert's namespace label or phrase.
  const target = first.pod ?? first.workload!;
  const namespace =
    first.namespace ??
    best(hits.filter((hit) => hit.namespace && (hit.pod ?? hit.workload) === target))[0]?.namespace ??
    best(hits.filter((hit) => hit.namespace && !hit.pod && !hit.workload))[0]?.namespace;
  const cluster = best(hits.filter((hit) => hit.cluster))[0]?.cluster;
  return {
    ok: true,
    alert: {
      target,
      ...(namespace ? { namespace } : {}),
      ...(cluster ? { cluster } : {}),
      foundBy: first.pattern.name,
      others: names.slice(1),
    },
  };
}
