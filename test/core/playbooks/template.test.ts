import { describe, expect, it } from 'vitest';
import { fillTemplate, malformedPlaceholder, shellQuote, templateVariables } from '../../../src/core/playbooks/template.ts';

describe('fillTemplate', () => {
  it('puts the finding values in place, with or without spaces inside the braces', () => {
    expect(fillTemplate('{{container}} hit its {{ limit }} limit', { container: 'api', limit: '512Mi' })).toBe(
      'api hit its 512Mi limit',
    );
  });

  it('prints a missing value as <name>, so a person sees what to fill in', () => {
    expect(fillTemplate('kubectl logs {{pod}} -c {{container}}', { pod: 'api-1' })).toBe('kubectl logs api-1 -c <container>');
  });

  it('prints the fallback words when the value is missing, and the value when it is there', () => {
    const template = 'killed at {{limit | its memory limit}}';
    expect(fillTemplate(template, {})).toBe('killed at its memory limit');
    expect(fillTemplate(template, { limit: '2000Mi' })).toBe('killed at 2000Mi');
  });

  it('treats an empty value as missing', () => {
    expect(fillTemplate('tag {{tag | unknown}}', { tag: '' })).toBe('tag unknown');
  });

  it('encodes real values only, never the fallback words', () => {
    const quoted = fillTemplate('grep {{target}} {{other | a b}}', { target: 'two words' }, shellQuote);
    expect(quoted).toBe("grep 'two words' a b");
  });
});

describe('shellQuote', () => {
  it('leaves names, images, quantities and selectors as they are', () => {
    for (const value of ['api-7d9f8c6b5-x2x7q', 'registry.example.com:5000/team/app:v1.2@sha256:abc', '512Mi', 'disktype=ssd', 'node-role.kubernetes.io/control-plane']) {
      expect(shellQuote(value)).toBe(value);
    }
  });

  it('quotes anything that the shell would interpret', () => {
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$(rm -rf /)')).toBe("'$(rm -rf /)'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('templateVariables', () => {
  it('lists each placeholder and whether it has a fallback', () => {
    expect(templateVariables('{{pod}} in {{namespace}} at {{limit | its limit}}')).toEqual([
      { name: 'pod', hasFallback: false },
      { name: 'namespace', hasFallback: false },
      { name: 'limit', hasFallback: true },
    ]);
  });
});

describe('malformedPlaceholder', () => {
  it('finds braces that are not a placeholder', () => {
    expect(malformedPlaceholder('kubectl logs {{pod} -c x')).toContain('{{pod}');
    expect(malformedPlaceholder('image {{image-tag}}')).toContain('{{image-tag}}');
  });

  it('accepts well-formed placeholders and single braces such as jsonpath', () => {
    expect(malformedPlaceholder(`-o jsonpath='{range .items[*]}{.name}{"\\n"}{end}' {{pod}}`)).toBeUndefined();
  });
});
