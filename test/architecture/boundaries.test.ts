import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/scenarios.ts';

// The architecture, enforced: the core is pure (no SDK, no I/O, no environment), detectors
// read only gathered facts, renderers know nothing of the terminal or the process.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const src = join(REPO_ROOT, 'src');
const core = sourceFiles(join(src, 'core'));

describe('architecture boundaries', () => {
  it('the core imports no SDK, no Node built-in and nothing outside src/core', () => {
    const offenders = core.flatMap((file) =>
      importsOf(file)
        .filter((spec) => (spec.startsWith('.') ? !join(file, '..', spec).startsWith(join(src, 'core')) : spec !== 'zod'))
        .map((spec) => `${relative(src, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the core reads no environment, clock-free detectors aside, and writes no output', () => {
    const offenders = core.filter((file) => /\bprocess\.(env|stdout|stderr|argv|exit)\b|console\./.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(src, file))).toEqual([]);
  });

  it('detectors make no reads of their own: they see gathered facts only', () => {
    const detectors = sourceFiles(join(src, 'core/detectors'));
    const offenders = detectors.filter((file) => importsOf(file).some((spec) => /cluster-reader|gather\//.test(spec)));
    expect(offenders.map((file) => relative(src, file))).toEqual([]);
  });

  it('detectors do not read the wall clock: "now" is a fact, so replayed incidents answer the same', () => {
    const detectorFiles = sourceFiles(join(src, 'core/detectors'));
    const offenders = detectorFiles.filter((file) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(src, file))).toEqual([]);
  });

  it('renderers are pure functions of the diagnosis', () => {
    const renderers = sourceFiles(join(src, 'render'));
    const offenders = renderers.filter(
      (file) =>
        /\bprocess\.|console\./.test(readFileSync(file, 'utf8')) ||
        importsOf(file).some((spec) => spec.startsWith('node:') || /\/(cli|app|snapshot)\//.test(spec)),
    );
    expect(offenders.map((file) => relative(src, file))).toEqual([]);
  });
});
