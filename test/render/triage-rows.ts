import type { TriageRow } from '../../src/render/triage-row.ts';

/** A namespace mid-incident, deliberately out of order. */
export const TRIAGE_ROWS: TriageRow[] = [
  { pod: 'web-66b9d7c5d8-k2l9d', namespace: 'shop', status: 'Running', ready: '1/1', restarts: 0, age: '5d3h', finding: { id: 'healthy', title: 'web is Running and Ready (1/1)', priority: 100 } },
  { pod: 'worker-0', namespace: 'shop', status: 'ContainerStatusUnknown', ready: '0/1', restarts: 2, age: '24h' },
  {
    pod: 'api-7d9f8c6b5-x2x7q',
    namespace: 'shop',
    status: 'CrashLoopBackOff',
    ready: '0/1',
    restarts: 14,
    age: '3h',
    finding: { id: 'oom-killed', title: 'api was OOMKilled at its 512Mi memory limit (restarted 14 times)', priority: 60 },
  },
  { pod: 'web-66b9d7c5d8-9hx4v', namespace: 'shop', status: 'Running', ready: '1/1', restarts: 1, age: '5d3h', finding: { id: 'healthy', title: 'web is Running and Ready (1/1)', priority: 100 } },
  {
    pod: 'report-builder-5c8d7f9b4-qmz2p',
    namespace: 'shop',
    status: 'Pending',
    ready: '0/1',
    restarts: 0,
    age: '20m',
    finding: { id: 'insufficient-resources', title: 'No node has 6Gi of memory free for report-builder', priority: 38 },
  },
];
