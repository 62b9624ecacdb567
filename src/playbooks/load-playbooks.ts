import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_IDS } from '../core/findings/finding-ids.ts';
import { layerPlaybooks } from '../core/playbooks/layer-playbooks.ts';
import type { Playbook, PlaybookOverride, PlaybookSet } from '../core/playbooks/playbook-schema.ts';
import { parseBuiltInPlaybook, parseOverridePlaybook, type ParsedPlaybookFile } from './parse-playbook-file.ts';
import type { PlaybookError, PlaybookIssue, PlaybookWarning } from './playbook-issue.ts';

export type { PlaybookSet } from '../core/playbooks/playbook-schema.ts';

/**
 * The playbooks shipped with the package, found from this module's own location (src/playbooks
 * when run from source, dist/playbooks when built: both two levels below the package root), so
 * the CLI works from any working directory.
 */
export const BUILT_IN_PLAYBOOKS_DIR = fileURLToPath(new URL('../../playbooks/', import.meta.url));

export interface LoadPlaybooksOptions {
  /** A team's directory of YAML files layered over the built-ins, per id and per field. */
  overrideDir?: string;
  /** Where the built-ins are; only tests point it elsewhere. */
  builtInDir?: string;
}

export type LoadPlaybooksResult =
  | { ok: true; playbooks: PlaybookSet; warnings: PlaybookWarning[] }
  | { ok: false; errors: PlaybookError[]; warnings: PlaybookWarning[] };

export function loadPlaybooks(options: LoadPlaybooksOptions = {}): LoadPlaybooksResult {
  const builtInDir = options.builtInDir ?? BUILT_IN_PLAYBOOKS_DIR;
  const builtIn = readLayer(builtInDir, parseBuiltInPlaybook);
  const errors = [...builtIn.errors];
  const warnings = [...builtIn.warnings];
  for (const id of FINDING_IDS) {
    if (!builtIn.playbooks.some((playbook) => playbook.id === id) && !builtIn.rejected.has(id)) {
      errors.push({ file: builtInDir, code: 'missing-playbook', message: `no playbook for "${id}": add ${id}.yaml` });
    }
  }

  let overrides: PlaybookOverride[] = [];
  if (options.overrideDir !== undefined) {
    const layer = readLayer(options.overrideDir, parseOverridePlaybook);
    errors.push(...layer.errors);
    warnings.push(...layer.warnings);
    overrides = layer.playbooks;
  }

  if (errors.length > 0) return { ok: false, errors, warnings };
  const base = Object.fromEntries(builtIn.playbooks.map((playbook) => [playbook.id, playbook])) as Record<string, Playbook>;
  return { ok: true, playbooks: layerPlaybooks(base as PlaybookSet, overrides), warnings };
}

/** For `k8s-why playbooks check DIR`: a team's directory checked as a layer over the built-ins. */
export function checkPlaybooks(dir: string): { errors: PlaybookError[]; warnings: PlaybookWarning[] } {
  const result = loadPlaybooks({ overrideDir: dir });
  return { errors: result.ok ? [] : result.errors, warnings: result.warnings };
}

interface Layer<T> {
  playbooks: T[];
  /** Ids whose file had errors: already reported, so not reported again as missing. */
  rejected: Set<string>;
  errors: PlaybookIssue[];
  warnings: PlaybookIssue[];
}

function readLayer<T extends PlaybookOverride>(dir: string, parse: (text: string, file: string) => ParsedPlaybookFile<T>): Layer<T> {
  const layer: Layer<T> = { playbooks: [], rejected: new Set(), errors: [], warnings: [] };
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    layer.errors.push({ file: dir, code: 'read-failed', message: `cannot read the playbook directory: ${reason(error)}` });
    return layer;
  }
  if (names.length === 0) {
    layer.warnings.push({ file: dir, code: 'empty-directory', message: 'no .yaml playbook files here' });
  }

  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      layer.errors.push({ file, code: 'read-failed', message: `cannot read the file: ${reason(error)}` });
      continue;
    }
    const parsed = parse(text, file);
    layer.errors.push(...parsed.errors);
    layer.warnings.push(...parsed.warnings);
    if (parsed.playbook === undefined) {
      layer.rejected.add(name.replace(/\.ya?ml$/, ''));
      continue;
    }
    const id = parsed.playbook.id;
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      layer.errors.push({ file, code: 'duplicate-id', message: `"${id}" is already defined in ${earlier}: keep one file per id` });
      continue;
    }
    seen.set(id, file);
    layer.playbooks.push(parsed.playbook);
  }
  return layer;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
