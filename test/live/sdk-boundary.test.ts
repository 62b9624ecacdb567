import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../support/scenarios.ts';

// One module speaks to Kubernetes (src/live, the only importer of @kubernetes/client-node);
// AWS is spoken to for cluster credentials (src/clusters) and by the Lambda adapter (invoking
// the worker, reading SSM); everything else sees the ClusterReader port and plain data.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const src = join(REPO_ROOT, 'src');
const importers = (pattern: RegExp) =>
  sourceFiles(src)
    .filter((file) => [...readFileSync(file, 'utf8').matchAll(/(?:^\s*(?:import|export)[^'"]*?from\s+|import\()\s*['"]([^'"]+)['"]/gm)].some((m) => pattern.test(m[1]!)))
    .map((file) => relative(src, file));

it('only src/live imports @kubernetes/client-node', () => {
  const files = importers(/^@kubernetes\/client-node/);
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((file) => !file.startsWith('live/'))).toEqual([]);
});

it('only src/clusters and the Lambda adapter import the AWS SDK', () => {
  const files = importers(/^@(aws-sdk|smithy)\//);
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((file) => !file.startsWith('clusters/') && !file.startsWith('adapters/aws-lambda/'))).toEqual([]);
});
