// Derives the demo scenarios, test/scenarios/demo-*.json, from the demo cluster, demo/shop.json:
// the demo's objects and logs unchanged, plus a question a person would ask about one of its
// failures and what the answer must say. The contract test runs every scenario, so it checks the
// answers the shipped demo gives; generating the files instead of copying them keeps the two from
// drifting apart (test/demo/demo-scenarios.test.ts fails when they do).
//
//   node scripts/demo-scenarios.ts          rewrite test/scenarios/demo-*.json
//   node scripts/demo-scenarios.ts --check  list the files that differ, exit 1 if any does

import { readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindingId } from '../src/core/findings/finding-ids.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEMO_FILE = join(REPO_ROOT, 'demo/shop.json');
export const SCENARIO_DIR = join(REPO_ROOT, 'test/scenarios');
const PREFIX = 'demo-';

export interface DemoQuestion {
  /** The scenario is written to test/scenarios/demo-<slug>.json. */
  slug: string;
  /** What the case is and what makes it tricky. */
  description: string;
  ask: { namespace: string; target: string };
  expect: { finding: FindingId; mentions: string[] };
}

export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  {
    slug: 'api-oom-killed',
    description:
      "The demo's api pod (Node.js) waits in CrashLoopBackOff after its seventh kill: lastState OOMKilled, exit 137, at its 512Mi limit, while NODE_OPTIONS lets the V8 heap grow to 1024 MB. Tricky: the previous log just stops mid-request with no error, and the node's OOMKilling event ('Memory cgroup out of memory') is a container-limit kill, not node memory pressure.",
    ask: { namespace: 'shop', target: 'api-7d9f8c6b5-x2x7q' },
    expect: { finding: 'oom-killed', mentions: ['OOMKilled', '512Mi'] },
  },
  {
    slug: 'web-rollout-missing-tag',
    description:
      'Asked as deploy/web: revision 5 of the Deployment asks Artifact Registry for web:v2.15.0, a tag that was never pushed (containerd: not found), while revision 4 (web:2.14.0) still serves three Ready pods. Tricky: the Deployment is Available, so only the newest ReplicaSet shows the failure; the answer must name the missing tag and the image the rollout replaced.',
    ask: { namespace: 'shop', target: 'deploy/web' },
    expect: { finding: 'image-not-found', mentions: ['v2.15.0', '2.14.0'] },
  },
  {
    slug: 'checkout-missing-config-key',
    description:
      "checkout's new ReplicaSet references key payments.url in ConfigMap shop-config, which only has payment.url: CreateContainerConfigError, so the container is never created and has no logs. Tricky: the previous ReplicaSet's pod, reading payment.url, is healthy beside it.",
    ask: { namespace: 'shop', target: 'checkout-7d9f4b6c8-qz5nl' },
    expect: { finding: 'missing-config', mentions: ['payments.url', 'shop-config', 'payment.url'] },
  },
  {
    slug: 'ranker-gpu-node-short',
    description:
      'ranker needs an nvidia.com/gpu and 12.5Gi of memory (two containers). Only the GPU node has a GPU, and it is 444Mi short on memory; the three default nodes have no GPU and too little memory. The scheduler says 4 Insufficient memory, 3 Insufficient nvidia.com/gpu. Tricky: the GPU taint is tolerated, so the closest node misses by memory alone.',
    ask: { namespace: 'shop', target: 'ranker-6c9f8d7b5-q4w8z' },
    expect: { finding: 'insufficient-resources', mentions: ['12.5Gi', '444Mi', 'gke-shop-prod-gpu-pool-1e6b0c55-2vbn'] },
  },
  {
    slug: 'notifications-quota-no-pod',
    description:
      "Asked as deploy/notifications: the new Deployment's ReplicaSet cannot create any pod because each needs limits.memory=1Gi and ResourceQuota shop-quota has 32256Mi of its 32Gi in use (FailedCreate, then '(combined from similar events)'). Tricky: there is no pod to look at; the evidence is on the ReplicaSet and the quota.",
    ask: { namespace: 'shop', target: 'deploy/notifications' },
    expect: { finding: 'quota-exceeded', mentions: ['shop-quota', 'limits.memory', '32Gi'] },
  },
  {
    slug: 'catalog-liveness-slow-start',
    description:
      "catalog's rollout cut its CPU limit from 2 to 500m; the Spring Boot app now needs over a minute to listen, but its liveness probe (initialDelaySeconds 20, 3 x 10s) kills it at about 40s, nine times so far (exit 143, Killing events). Tricky: readiness fails too and the container restarts like a crash loop; the restarts come from the liveness probe.",
    ask: { namespace: 'shop', target: 'catalog-84d6f7c9b-r5t2w' },
    expect: { finding: 'liveness-probe-failure', mentions: ['/actuator/health/liveness', 'initialDelaySeconds', '500m'] },
  },
];

interface DemoSnapshot {
  objects: unknown[];
  logs: unknown[];
}

/** Every demo scenario's file name and content, from the demo's JSON text. */
export function demoScenarioFiles(demoText: string): Map<string, string> {
  const demo = JSON.parse(demoText) as DemoSnapshot;
  const files = new Map<string, string>();
  for (const question of DEMO_QUESTIONS) {
    const header = {
      description: `${question.description} Generated from demo/shop.json by scripts/demo-scenarios.ts: change the demo or the script, not this file.`,
      source: 'synthetic: the embedded demo cluster, demo/shop.json',
      ask: question.ask,
      expect: question.expect,
    };
    files.set(`${PREFIX}${question.slug}.json`, formatScenario(header, demo));
  }
  return files;
}

// One object per line: the file stays greppable and a fraction of the demo's pretty-printed size.
function formatScenario(header: Record<string, unknown>, demo: DemoSnapshot): string {
  const list = (items: unknown[]) => items.map((item, index) => `    ${JSON.stringify(item)}${index < items.length - 1 ? ',' : ''}`);
  return [
    '{',
    ...Object.entries(header).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`),
    '  "objects": [',
    ...list(demo.objects),
    '  ],',
    '  "logs": [',
    ...list(demo.logs),
    '  ]',
    '}',
    '',
  ].join('\n');
}

/** Demo scenario files on disk that differ from what the demo gives, or that no question produces. */
export function staleDemoScenarios(expected: Map<string, string>): string[] {
  const onDisk = readdirSync(SCENARIO_DIR).filter((name) => name.startsWith(PREFIX) && name.endsWith('.json'));
  const stale = onDisk.filter((name) => !expected.has(name));
  for (const [name, content] of expected) {
    let current: string | undefined;
    try {
      current = readFileSync(join(SCENARIO_DIR, name), 'utf8');
    } catch {
      current = undefined;
    }
    if (current !== content) stale.push(name);
  }
  return stale.sort();
}

function main(args: string[]): number {
  const expected = demoScenarioFiles(readFileSync(DEMO_FILE, 'utf8'));
  const stale = staleDemoScenarios(expected);
  if (args.includes('--check')) {
    for (const name of stale) console.error(`test/scenarios/${name} is out of date: run node scripts/demo-scenarios.ts`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const name of stale) {
    const content = expected.get(name);
    if (content === undefined) unlinkSync(join(SCENARIO_DIR, name));
    else writeFileSync(join(SCENARIO_DIR, name), content);
    console.log(`${content === undefined ? 'removed' : 'wrote'} test/scenarios/${name}`);
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
