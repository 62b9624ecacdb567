import { formatMilli, toMilli } from '../kube/quantity.ts';
import type { Container, Pod, ResourceList, ResourceRequirements } from '../kube/types.ts';

/** Resource amounts as integers: millicores for cpu, bytes or counts for everything else. */
export type Amounts = Map<string, number>;

/**
 * What the scheduler reserves for a pod (PodRequests in k8s.io/component-helpers): the regular
 * containers plus native sidecars, or the hungriest init step if that is larger, plus the
 * RuntimeClass overhead. An init step runs next to the sidecars started before it, so its
 * request counts on top of theirs.
 */
export function podRequests(pod: Pod): Amounts {
  const total = sumOf(pod.spec.containers);
  const sidecars: Amounts = new Map();
  const initPeak: Amounts = new Map();
  for (const init of pod.spec.initContainers ?? []) {
    const own = containerRequests(init);
    if (init.restartPolicy === 'Always') {
      add(total, own);
      add(sidecars, own);
      raise(initPeak, sidecars);
    } else {
      const step = new Map(own);
      add(step, sidecars);
      raise(initPeak, step);
    }
  }
  raise(total, initPeak);
  // Pod-level resources (1.32+) replace the container figures for the resources they name.
  const podLevel = (pod.spec as { resources?: ResourceRequirements }).resources;
  for (const [name, value] of amountsOf(podLevel?.requests, podLevel?.limits)) total.set(name, value);
  add(total, amountsOf(pod.spec.overhead));
  return total;
}

/**
 * A container's requests. The API server copies an unset request from its limit, so a
 * hand-written manifest or an old snapshot means the same as an object read from the server.
 */
export function containerRequests(container: Container): Amounts {
  return amountsOf(container.resources?.requests, container.resources?.limits);
}

/**
 * A request the way the pod spec wrote it ("2000Mi", not "2Gi") when one container alone asks
 * for that amount, so the answer quotes the number a person will search for in their YAML.
 */
export function describeRequest(pod: Pod, resource: string, amount: number): string {
  const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  for (const container of containers) {
    const written = container.resources?.requests?.[resource] ?? container.resources?.limits?.[resource];
    if (written !== undefined && toMilli(resource, written) === amount) return String(written);
  }
  return formatMilli(resource, amount);
}

function amountsOf(requests: ResourceList | undefined, limits?: ResourceList): Amounts {
  const amounts: Amounts = new Map();
  const names = new Set([...Object.keys(requests ?? {}), ...Object.keys(limits ?? {})]);
  for (const name of names) {
    const value = toMilli(name, requests?.[name] ?? limits?.[name]);
    if (Number.isFinite(value) && value > 0) amounts.set(name, value);
  }
  return amounts;
}

function sumOf(containers: readonly Container[]): Amounts {
  const total: Amounts = new Map();
  for (const container of containers) add(total, containerRequests(container));
  return total;
}

function add(into: Amounts, more: Amounts): void {
  for (const [name, value] of more) into.set(name, (into.get(name) ?? 0) + value);
}

function raise(into: Amounts, floor: Amounts): void {
  for (const [name, value] of floor) if (value > (into.get(name) ?? 0)) into.set(name, value);
}
