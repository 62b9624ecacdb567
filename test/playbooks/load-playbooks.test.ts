import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_PLAYBOOKS_DIR, checkPlaybooks, loadPlaybooks } from '../../src/playbooks/load-playbooks.ts';
import { formatPlaybookIssue } from '../../src/playbooks/playbook-issue.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A team directory holding these files, as a person would write them. */
function teamDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-why-playbooks-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorsOf(dir: string) {
  const result = loadPlaybooks({ overrideDir: dir });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('loadPlaybooks', () => {
  it('finds the built-in playbooks next to the package, whatever the working directory', () => {
    const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    expect(resolve(BUILT_IN_PLAYBOOKS_DIR)).toBe(join(repoRoot, 'playbooks'));
  });

  it("layers a team's file over the built-in per field: only the runbook changes", () => {
    const builtIn = loadPlaybooks();
    const dir = teamDir({
      'oom-killed.yaml': 'id: oom-killed\nrunbook:\n  title: Payments OOM runbook\n  url: https://wiki.example.com/payments/oom\n',
    });
    const layered = loadPlaybooks({ overrideDir: dir });
    if (!builtIn.ok || !layered.ok) throw new Error('the playbooks should load');
    expect(layered.playbooks['oom-killed'].runbook).toEqual({ title: 'Payments OOM runbook', url: 'https://wiki.example.com/payments/oom' });
    expect(layered.playbooks['oom-killed'].explanation).toBe(builtIn.playbooks['oom-killed'].explanation);
    expect(layered.playbooks['oom-killed'].steps).toEqual(builtIn.playbooks['oom-killed'].steps);
    expect(layered.playbooks['crash-loop']).toEqual(builtIn.playbooks['crash-loop']);
  });

  it('reports a YAML syntax error with the file and line', () => {
    const dir = teamDir({ 'crash-loop.yaml': 'id: crash-loop\nsteps:\n  - text: "unclosed\n    command: kubectl get pods\n' });
    const [error] = errorsOf(dir);
    expect(error).toMatchObject({ file: join(dir, 'crash-loop.yaml'), code: 'yaml' });
    expect(error?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports an unknown field at the line it is written on', () => {
    const dir = teamDir({ 'evicted.yaml': 'id: evicted\ntitle: Evicted\nrunbok:\n  url: https://wiki.example.com/evicted\n' });
    expect(errorsOf(dir)).toEqual([
      expect.objectContaining({ line: 3, column: 1, code: 'unknown-field', message: expect.stringContaining('unknown field "runbok"') }),
    ]);
  });

  it('reports an unknown field inside a step with its position in the list', () => {
    const dir = teamDir({
      'evicted.yaml': 'id: evicted\nsteps:\n  - text: Look at the node.\n  - text: Read the events.\n    comand: kubectl get events -n {{namespace}}\n',
    });
    const [error] = errorsOf(dir);
    expect(error).toMatchObject({ line: 5, code: 'unknown-field' });
    expect(error?.message).toContain('unknown field "comand" in steps[1]');
  });

  it('reports an unknown id on the id line', () => {
    const dir = teamDir({ 'oom-kill.yaml': '# our OOM playbook\nid: oom-kill\ntitle: OOM\n' });
    expect(errorsOf(dir)).toEqual([
      expect.objectContaining({ line: 2, code: 'unknown-id', message: expect.stringContaining('unknown finding id "oom-kill"') }),
    ]);
  });

  it('reports a bad runbook URL on the url line', () => {
    const dir = teamDir({ 'healthy.yaml': 'id: healthy\nrunbook:\n  title: Ours\n  url: wiki/healthy\n' });
    const [error] = errorsOf(dir);
    expect(error).toMatchObject({ line: 4, code: 'bad-url' });
    expect(formatPlaybookIssue(error!)).toBe(`${join(dir, 'healthy.yaml')}:4:8: runbook.url: must be an http:// or https:// URL`);
  });

  it('rejects a step that changes the cluster without saying so, on the command line', () => {
    const dir = teamDir({
      'stuck-terminating.yaml': [
        'id: stuck-terminating',
        'steps:',
        '  - text: Remove the finalizers.',
        '    command: kubectl patch pod {{pod}} -n {{namespace}} --type=merge -p x',
        '    when: pod',
        '',
      ].join('\n'),
    });
    expect(errorsOf(dir)).toEqual([
      expect.objectContaining({ line: 4, code: 'invalid', message: expect.stringContaining('"kubectl patch" changes the cluster') }),
    ]);
  });

  it('rejects a file whose name does not match its id (a copy-paste that would override the wrong playbook)', () => {
    const dir = teamDir({ 'crash-loop.yaml': 'id: oom-killed\ntitle: copied\n' });
    expect(errorsOf(dir)).toEqual([expect.objectContaining({ line: 1, code: 'file-name' })]);
  });

  it('rejects two files for the same id', () => {
    const dir = teamDir({ 'healthy.yaml': 'id: healthy\ntitle: A\n', 'healthy.yml': 'id: healthy\ntitle: B\n' });
    expect(errorsOf(dir)).toEqual([expect.objectContaining({ file: join(dir, 'healthy.yml'), code: 'duplicate-id' })]);
  });

  it('warns, without failing, about a variable no detector provides, with its line', () => {
    const dir = teamDir({ 'oom-killed.yaml': 'id: oom-killed\ntitle: OOM\nexplanation: >-\n  {{contianer}} hit {{limit}}.\n' });
    const result = loadPlaybooks({ overrideDir: dir });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({ line: 3, code: 'unknown-variable', message: expect.stringContaining('{{contianer}}') }),
    ]);
  });

  it('returns an error value, not an exception, for a directory that does not exist', () => {
    expect(errorsOf('/nonexistent/team-playbooks')).toEqual([expect.objectContaining({ file: '/nonexistent/team-playbooks', code: 'read-failed' })]);
  });

  it('ignores files that are not YAML, such as a README', () => {
    const dir = teamDir({ 'README.md': '# our playbooks', 'healthy.yaml': 'id: healthy\ntitle: All good\n' });
    expect(loadPlaybooks({ overrideDir: dir }).ok).toBe(true);
  });

  it('refuses a built-in directory that lacks a playbook for some finding id', () => {
    const dir = teamDir({
      'healthy.yaml': [
        'id: healthy',
        'title: Nothing is wrong',
        'explanation: Nothing is wrong.',
        'steps:',
        '  - text: Look.',
        'runbook:',
        '  url: https://kubernetes.io/docs/tasks/debug/',
        '',
      ].join('\n'),
    });
    const result = loadPlaybooks({ builtInDir: dir });
    expect(result.ok).toBe(false);
    const missing = result.ok ? [] : result.errors.filter((error) => error.code === 'missing-playbook');
    expect(missing).toHaveLength(21);
    expect(missing.map((error) => error.message)).toContain('no playbook for "oom-killed": add oom-killed.yaml');
  });

  it('requires every field of a built-in playbook', () => {
    const dir = teamDir({ 'healthy.yaml': 'id: healthy\ntitle: Nothing is wrong\n' });
    const result = loadPlaybooks({ builtInDir: dir });
    const healthy = result.ok ? [] : result.errors.filter((error) => error.file.endsWith('healthy.yaml'));
    expect(healthy.map((error) => error.message)).toEqual(['explanation: is required', 'steps: is required', 'runbook: is required: a url and a title']);
  });
});

describe('checkPlaybooks', () => {
  it('passes a valid team directory, reporting its warnings', () => {
    const dir = teamDir({ 'crash-loop.yaml': 'id: crash-loop\nsteps:\n  - text: Page {{owner}}.\n' });
    const result = checkPlaybooks(dir);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([expect.objectContaining({ line: 3, code: 'unknown-variable' })]);
  });

  it('lists every problem of every file in one run', () => {
    const dir = teamDir({
      'evicted.yaml': 'id: evicted\nrunbok: x\n',
      'healthy.yaml': 'id: healthy\nrunbook:\n  url: ftp://x\n',
    });
    expect(checkPlaybooks(dir).errors.map((error) => [error.file.split('/').pop(), error.line, error.code])).toEqual([
      ['evicted.yaml', 2, 'unknown-field'],
      ['healthy.yaml', 3, 'bad-url'],
    ]);
  });
});
