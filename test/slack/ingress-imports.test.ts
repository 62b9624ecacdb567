import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/scenarios.ts';

// The ingress must ack within Slack's 3 seconds on a cold start, so what it loads is part of
// its contract: no Kubernetes client, no AWS SDK, no diagnosis pipeline at module scope.

/** Every module create-slack-app.ts loads, following relative imports (type-only ones do not load). */
function loadedModules(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/^\s*(import|export)(\s+type\b)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
      if (match[2]) continue;
      const spec = match[3]!;
      if (spec.startsWith('.')) pending.push(resolve(dirname(file), spec));
      else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return { files: files.map((file) => relative(REPO_ROOT, file)), packages };
}

describe('what the ingress loads', () => {
  const { files, packages } = loadedModules(join(REPO_ROOT, 'src/slack/create-slack-app.ts'));

  it('no Kubernetes client and no AWS SDK', () => {
    expect([...packages].filter((name) => /@kubernetes|@aws-sdk|@smithy/.test(name))).toEqual([]);
  });

  it('none of the diagnosis pipeline, the live reader or the worker', () => {
    expect(files.filter((file) => /src\/(live|clusters\/(cluster-connection|eks)|core\/(diagnose|gather|detectors|triage)|slack\/(run-job|worker))/.test(file))).toEqual([]);
  });

  it('does load the listeners (the walk is real)', () => {
    expect(files).toContain('src/slack/ingress/slash-command.ts');
    expect(packages).toContain('@slack/bolt');
  });
});
