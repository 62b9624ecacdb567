import type { Facts } from '../../src/core/facts/facts.ts';
import type { ClaimFacts } from '../../src/core/facts/facts.ts';
import type { Container, CoreEvent, KubeNode, Pod, PodSpec, Taint } from '../../src/core/kube/types.ts';
import { factsForPod } from './facts.ts';

// Builders for scheduling unit tests: nodes, pods bound to them, a Pending pod and the
// scheduler's FailedScheduling event, shaped as the API server returns them.

export const NOW = '2026-11-21T12:00:00Z';

export function node(name: string, options: { cpu?: string; memory?: string; pods?: string; extra?: Record<string, string>; labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; ready?: boolean } = {}): KubeNode {
  const allocatable = { cpu: options.cpu ?? '4', memory: options.memory ?? '16Gi', pods: options.pods ?? '110', 'ephemeral-storage': '100Gi', ...options.extra };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...options.labels } },
    spec: { ...(options.taints ? { taints: options.taints } : {}), ...(options.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True', reason: options.ready === false ? 'KubeletNotReady' : 'KubeletReady' }],
    },
  };
}

export function container(name: string, requests: Record<string, string> = {}, extra: Partial<Container> = {}): Container {
  return { name, image: `registry.example.com/${name}:1.0`, resources: Object.keys(requests).length ? { requests } : {}, ...extra };
}

export function pendingPod(name: string, spec: Partial<PodSpec> = {}, schedulerMessage?: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', uid: `uid-${name}`, creationTimestamp: '2026-11-21T11:50:00Z' },
    spec: {
      containers: [container('app', { cpu: '500m', memory: '1Gi' })],
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      ...spec,
    },
    status: {
      phase: 'Pending',
      qosClass: 'Burstable',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          lastTransitionTime: '2026-11-21T11:50:00Z',
          ...(schedulerMessage ? { message: schedulerMessage } : {}),
        },
      ],
    },
  };
}

export function boundPod(name: string, nodeName: string, requests: Record<string, string>): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'other', uid: `uid-${name}` },
    spec: { nodeName, containers: [container('main', requests)] },
    status: { phase: 'Running' },
  };
}

export function failedScheduling(pod: Pod, message: string, count = 5): CoreEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod.metadata.name}.1`, namespace: pod.metadata.namespace },
    involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
    reason: 'FailedScheduling',
    message,
    type: 'Warning',
    count,
    firstTimestamp: '2026-11-21T11:50:01Z',
    lastTimestamp: '2026-11-21T11:58:00Z',
    source: { component: 'default-scheduler' },
  };
}

/** Facts for a Pending pod; omit `nodes` to model a cluster whose nodes could not be read. */
export function pendingFacts(pod: Pod, options: { nodes?: KubeNode[]; bound?: Pod[]; message?: string; claims?: ClaimFacts[]; events?: CoreEvent[] } = {}): Facts {
  const events = [...(options.message ? [failedScheduling(pod, options.message)] : []), ...(options.events ?? [])];
  return factsForPod(pod, {
    now: NOW,
    events,
    pod: { claims: options.claims ?? [] },
    facts: options.nodes ? { scheduling: { nodes: options.nodes, boundPods: options.bound ?? [] } } : {},
  });
}
