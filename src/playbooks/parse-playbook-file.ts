import { basename, extname } from 'node:path';
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { lintPlaybook } from '../core/playbooks/lint-playbook.ts';
import {
  PLAYBOOK_FIELDS,
  playbookOverrideSchema,
  playbookSchema,
  RUNBOOK_FIELDS,
  STEP_FIELDS,
  type Playbook,
  type PlaybookOverride,
} from '../core/playbooks/playbook-schema.ts';
import type { PlaybookIssue, PlaybookIssueCode } from './playbook-issue.ts';

export interface ParsedPlaybookFile<T> {
  /** Present when the file has no errors (it may still have warnings). */
  playbook?: T;
  errors: PlaybookIssue[];
  warnings: PlaybookIssue[];
}

/** A built-in playbook: every field required. */
export function parseBuiltInPlaybook(text: string, file: string): ParsedPlaybookFile<Playbook> {
  return parsePlaybook(text, file, playbookSchema);
}

/** A team's layer: the id and the fields it replaces. */
export function parseOverridePlaybook(text: string, file: string): ParsedPlaybookFile<PlaybookOverride> {
  return parsePlaybook(text, file, playbookOverrideSchema);
}

type Path = readonly PropertyKey[];

function parsePlaybook<T extends PlaybookOverride>(text: string, file: string, schema: z.ZodType<T>): ParsedPlaybookFile<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined, code: PlaybookIssueCode, message: string): PlaybookIssue => {
    if (offset === undefined) return { file, code, message };
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, code, message };
  };
  const yamlWarnings = doc.warnings.map((warning) => at(warning.pos[0], 'yaml', warning.message));

  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((error) => at(error.pos[0], 'yaml', error.message)), warnings: yamlWarnings };
  }
  if (doc.contents === null) {
    return { errors: [at(undefined, 'invalid', 'the file is empty: a playbook needs at least an id')], warnings: yamlWarnings };
  }

  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const errors = result.error.issues.flatMap((issue): PlaybookIssue[] => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) =>
          at(offsetOf(doc, [...issue.path, key], true), 'unknown-field', unknownFieldMessage(issue.path, key)),
        );
      }
      return [at(offsetOf(doc, issue.path), issueCode(issue.path), `${describePath(issue.path)}${issue.message}`)];
    });
    return { errors, warnings: yamlWarnings };
  }

  const playbook = result.data;
  const expected = basename(file, extname(file));
  if (expected !== playbook.id) {
    const message = `the file is named "${basename(file)}" but its id is "${playbook.id}": name it ${playbook.id}.yaml, or fix the id`;
    return { errors: [at(offsetOf(doc, ['id']), 'file-name', message)], warnings: yamlWarnings };
  }
  const lints = lintPlaybook(playbook).map((lint) => at(offsetOf(doc, lint.path), lint.code, `${describePath(lint.path)}${lint.message}`));
  return { playbook, errors: [], warnings: [...yamlWarnings, ...lints] };
}

function issueCode(path: Path): PlaybookIssueCode {
  if (path.length === 1 && path[0] === 'id') return 'unknown-id';
  if (path.at(-1) === 'url') return 'bad-url';
  return 'invalid';
}

/** "steps[2].command: " for a path into the file, nothing for the file itself. */
function describePath(path: Path): string {
  if (path.length === 0) return '';
  const described = path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${String(segment)}`))
    .join('')
    .replace(/^\./, '');
  return `${described}: `;
}

function unknownFieldMessage(parent: Path, key: string): string {
  const allowed = parent.length === 0 ? PLAYBOOK_FIELDS : parent.at(-1) === 'runbook' ? RUNBOOK_FIELDS : STEP_FIELDS;
  const where = parent.length === 0 ? 'a playbook' : describePath(parent).replace(/: $/, '');
  return `unknown field "${key}" in ${where}; the fields are: ${allowed.join(', ')}`;
}

/**
 * Where a path points in the YAML source: the value at the path, or as deep as the path
 * exists (a missing field points at the mapping that lacks it). With `atKey`, the last
 * segment's key rather than its value, which is where an unknown field is written.
 */
function offsetOf(doc: Document, path: Path, atKey = false): number | undefined {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const [index, segment] of path.entries()) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === segment);
      if (pair === undefined) break;
      const last = index === path.length - 1;
      next = atKey && last ? pair.key : (pair.value ?? pair.key);
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (!isNode(next)) break;
    node = next;
    offset = next.range?.[0] ?? offset;
  }
  return offset;
}
