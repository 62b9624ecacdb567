import type { Diagnosis } from '../../src/core/diagnosis.ts';
import type { Finding } from '../../src/core/findings/finding.ts';

/**
 * Diagnoses built by hand, shaped like what the pipeline produces for real incidents, so the
 * renderers are tested without the detectors or playbooks. Times are coherent with generatedAt.
 */
export const GENERATED_AT = '2026-11-21T12:00:00Z';

const oomFinding: Finding = {
  id: 'oom-killed',
  priority: 60,
  title: 'api was OOMKilled at its 512Mi memory limit (restarted 14 times)',
  detail:
    'The container api was killed by the kernel for using more than its 512Mi memory limit, 14 times since it started 3h ago; the last time at 11:57:40. The JVM was started without -Xmx, so its heap grows until the cgroup limit kills it.',
  explanation:
    'When a container uses more memory than its limit, the kernel OOM killer ends its process (exit code 137) and the kubelet restarts it with a growing back-off. The process gets no chance to log anything, so the logs of the previous instance usually stop mid-request.',
  container: 'api',
  evidence: [
    {
      kind: 'status',
      source: 'status.containerStatuses[api].lastState.terminated',
      text: 'Last instance terminated: reason OOMKilled, exit code 137, at 2026-11-21T11:57:40Z',
    },
    { kind: 'spec', source: 'spec.containers[api].resources.limits.memory', text: 'Memory limit: 512Mi (request 256Mi)' },
    { kind: 'event', source: 'event BackOff x14, 2m ago', text: 'Back-off restarting failed container api in pod api-7d9f8c6b5-x2x7q_shop' },
    { kind: 'log', source: 'log api (previous)', text: 'java.lang.OutOfMemoryError: Java heap space' },
  ],
  ruledOut: ['Node ip-10-0-3-17.ec2.internal is not under MemoryPressure, so this is the container limit, not an eviction'],
  vars: { container: 'api', limit: '512Mi', pod: 'api-7d9f8c6b5-x2x7q' },
  nextSteps: [
    {
      text: "Read how the previous instance ended (the one that was killed)",
      command: 'kubectl logs api-7d9f8c6b5-x2x7q -n shop -c api --previous',
    },
    { text: 'See how close the current instance is to the limit', command: 'kubectl top pod api-7d9f8c6b5-x2x7q -n shop --containers' },
    {
      text: 'Raise the limit or cap the heap below it (changes the cluster: a person runs this)',
      command: 'kubectl set resources deployment/api -n shop -c api --limits=memory=1Gi',
    },
  ],
  runbook: { url: 'https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/', title: 'Assign memory resources' },
};

const livenessSecondary: Finding = {
  id: 'liveness-probe-failure',
  priority: 65,
  title: 'liveness probe of api failed 3 times (HTTP 503 on /healthz) before the last restart',
  detail: 'The liveness probe also failed while the heap filled up.',
  explanation: '',
  evidence: [{ kind: 'event', source: 'event Unhealthy x3', text: 'Liveness probe failed: HTTP probe failed with statuscode: 503' }],
  nextSteps: [],
};

export function oomApi(): Diagnosis {
  return {
    target: 'api-7d9f8c6b5-x2x7q',
    namespace: 'shop',
    subject: {
      kind: 'Pod',
      name: 'api-7d9f8c6b5-x2x7q',
      namespace: 'shop',
      workload: { kind: 'Deployment', name: 'api' },
      pod: {
        name: 'api-7d9f8c6b5-x2x7q',
        namespace: 'shop',
        phase: 'Running',
        status: 'CrashLoopBackOff',
        ready: '0/1',
        restarts: 14,
        node: 'ip-10-0-3-17.ec2.internal',
        createdAt: '2026-11-21T09:00:00Z',
        containers: [
          {
            name: 'api',
            init: false,
            image: 'registry.example.com/shop/api:2.14.1',
            ready: false,
            restarts: 14,
            state: 'waiting: CrashLoopBackOff',
            lastState: 'terminated: OOMKilled (exit 137)',
          },
        ],
      },
    },
    source: 'snapshot incident-4711.json',
    findings: [oomFinding, livenessSecondary],
    gaps: [
      {
        what: 'get nodes ip-10-0-3-17.ec2.internal',
        code: 'forbidden',
        detail:
          'nodes "ip-10-0-3-17.ec2.internal" is forbidden: User "system:serviceaccount:k8s-why:k8s-why" cannot get resource "nodes" in API group "" at the cluster scope',
      },
    ],
    timeline: [
      {
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned shop/api-7d9f8c6b5-x2x7q to ip-10-0-3-17.ec2.internal',
        count: 1,
        firstSeen: '2026-11-21T09:00:00Z',
        lastSeen: '2026-11-21T09:00:00Z',
        object: 'Pod/api-7d9f8c6b5-x2x7q',
        component: 'default-scheduler',
      },
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "registry.example.com/shop/api:2.14.1" already present on machine',
        count: 14,
        firstSeen: '2026-11-21T09:20:11Z',
        lastSeen: '2026-11-21T11:52:40Z',
        object: 'Pod/api-7d9f8c6b5-x2x7q',
        fieldPath: 'spec.containers{api}',
        component: 'kubelet',
      },
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container api in pod api-7d9f8c6b5-x2x7q_shop(5f0c6a1e-8a53-4a0e-9d55-0b3f1e2a7c11)',
        count: 14,
        firstSeen: '2026-11-21T11:49:00Z',
        lastSeen: '2026-11-21T11:58:00Z',
        object: 'Pod/api-7d9f8c6b5-x2x7q',
        fieldPath: 'spec.containers{api}',
        component: 'kubelet',
      },
    ],
    logs: [
      {
        container: 'api',
        previous: false,
        lines: ['2026-11-21 11:59:02.114  INFO 1 --- [main] c.e.shop.ApiApplication : Starting ApiApplication v2.14.1'],
        omitted: 0,
      },
      {
        container: 'api',
        previous: true,
        lines: [
          '2026-11-21 11:57:31.870  INFO 1 --- [nio-8080-exec-4] c.e.shop.orders.ExportController : export started for 412000 orders',
          'java.lang.OutOfMemoryError: Java heap space',
          '\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)',
          '\tat com.example.shop.orders.ExportController.export(ExportController.java:88)',
        ],
        errorAt: 1,
        omitted: 118,
      },
    ],
    generatedAt: GENERATED_AT,
  };
}

export function pendingNoEvents(): Diagnosis {
  const message =
    '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient memory. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
  return {
    target: 'report-builder',
    namespace: 'shop',
    subject: {
      kind: 'Pod',
      name: 'report-builder-5c8d7f9b4-qmz2p',
      namespace: 'shop',
      workload: { kind: 'Deployment', name: 'report-builder' },
      pod: {
        name: 'report-builder-5c8d7f9b4-qmz2p',
        namespace: 'shop',
        phase: 'Pending',
        status: 'Pending',
        ready: '0/1',
        restarts: 0,
        createdAt: '2026-11-21T11:40:00Z',
        containers: [{ name: 'builder', init: false, image: 'python:3.12-slim', ready: false, restarts: 0, state: 'waiting: Pending' }],
      },
    },
    source: 'cluster prod-eu',
    findings: [
      {
        id: 'insufficient-resources',
        priority: 38,
        title: 'No node has 6Gi of memory free for report-builder (largest free: 3.2Gi on worker-2)',
        detail: `The scheduler cannot place the pod: ${message}`,
        explanation: 'A pod is scheduled only on a node whose allocatable resources minus the requests of its pods cover the pod\'s requests.',
        evidence: [{ kind: 'status', source: 'status.conditions[PodScheduled]', text: `Unschedulable: ${message}` }],
        nextSteps: [
          { text: 'Compare requests with what nodes have left', command: 'kubectl describe nodes | grep -A 8 "Allocated resources"' },
        ],
        runbook: { url: 'https://kubernetes.io/docs/concepts/scheduling-eviction/kube-scheduler/' },
      },
    ],
    gaps: [
      {
        what: 'list events in shop',
        code: 'forbidden',
        detail: 'events is forbidden: User "system:serviceaccount:k8s-why:k8s-why" cannot list resource "events" in API group "" in the namespace "shop"',
      },
    ],
    timeline: [],
    logs: [],
    generatedAt: GENERATED_AT,
  };
}

export function ambiguousApi(): Diagnosis {
  return {
    target: 'api',
    namespace: 'shop',
    subject: { kind: 'Pod', name: 'api', namespace: 'shop' },
    source: 'cluster prod-eu',
    findings: [],
    gaps: [],
    timeline: [],
    logs: [],
    candidates: [
      { name: 'api-7d9f8c6b5-x2x7q', namespace: 'shop', status: 'CrashLoopBackOff' },
      { name: 'api-7d9f8c6b5-b4k2m', namespace: 'shop', status: 'Running' },
      { name: 'api-gateway-6b9c-xx81k', namespace: 'shop', status: 'Running' },
    ],
    generatedAt: GENERATED_AT,
  };
}

export function healthyWeb(): Diagnosis {
  return {
    target: 'deploy/web',
    namespace: 'shop',
    subject: {
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      workload: { kind: 'Deployment', name: 'web' },
      runbook: 'https://runbooks.example.com/shop/web',
      pod: {
        name: 'web-66b9d7c5d8-9hx4v',
        namespace: 'shop',
        phase: 'Running',
        status: 'Running',
        ready: '1/1',
        restarts: 1,
        node: 'worker-1',
        createdAt: '2026-11-16T08:30:00Z',
        containers: [
          { name: 'web', init: false, image: 'nginx:1.27', ready: true, restarts: 1, state: 'running', lastState: 'terminated: Error (exit 1)' },
        ],
      },
    },
    source: 'snapshot demo/shop.json',
    findings: [
      {
        id: 'healthy',
        priority: 100,
        title: 'web is Running and Ready (1/1); its one restart was 5d ago',
        detail: 'Nothing in the snapshot points at a current problem.',
        explanation: 'All containers are running and pass their readiness probes.',
        evidence: [{ kind: 'status', source: 'status.conditions[Ready]', text: 'Ready=True since 2026-11-16T08:31:12Z' }],
        nextSteps: [],
        runbook: { url: 'https://runbooks.example.com/shop/web', title: 'web runbook' },
      },
    ],
    gaps: [],
    timeline: [],
    logs: [],
    generatedAt: GENERATED_AT,
  };
}

/** A status no detector knows (the node lost track of the container), so nothing matches. */
export function unmatchedUnknown(): Diagnosis {
  return {
    target: 'worker-0',
    namespace: 'jobs',
    subject: {
      kind: 'Pod',
      name: 'worker-0',
      namespace: 'jobs',
      workload: { kind: 'StatefulSet', name: 'worker' },
      pod: {
        name: 'worker-0',
        namespace: 'jobs',
        phase: 'Failed',
        status: 'ContainerStatusUnknown',
        ready: '0/1',
        restarts: 2,
        node: 'worker-3',
        createdAt: '2026-11-20T12:00:00Z',
        containers: [
          {
            name: 'worker',
            init: false,
            ready: false,
            restarts: 2,
            state: 'terminated: ContainerStatusUnknown (exit 137)',
            lastState: 'terminated: Error (exit 2)',
          },
        ],
      },
    },
    source: 'cluster prod-eu',
    findings: [],
    gaps: [],
    timeline: [
      {
        type: 'Warning',
        reason: 'ContainerStatusUnknown',
        message: 'The container could not be located when the pod was terminated',
        count: 1,
        firstSeen: '2026-11-21T11:30:00Z',
        lastSeen: '2026-11-21T11:30:00Z',
        object: 'Pod/worker-0',
      },
    ],
    logs: [{ container: 'worker', previous: false, lines: ['worker: draining queue orders-eu (3 left)'], omitted: 0 }],
    generatedAt: GENERATED_AT,
  };
}

export const ALL_DIAGNOSES: Record<string, () => Diagnosis> = {
  oomApi,
  pendingNoEvents,
  ambiguousApi,
  healthyWeb,
  unmatchedUnknown,
};
