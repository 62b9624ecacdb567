/**
 * The playbook template language: `{{name}}` is a variable, `{{name | words}}` a variable with
 * the words to print when the finding has no value for it. Nothing else: playbooks are prose
 * and commands, not programs.
 */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*(?:\|([^{}]*))?\}\}/g;

export type Variables = Readonly<Record<string, string | undefined>>;

export interface TemplateVariable {
  name: string;
  /** True when the template says what to print instead, so a missing value leaves no hole. */
  hasFallback: boolean;
}

export function templateVariables(template: string): TemplateVariable[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => ({
    name: match[1] ?? '',
    hasFallback: match[2] !== undefined,
  }));
}

/** Braces that are not a well-formed placeholder, e.g. `{{ container }` or `{{image-tag}}`. */
export function malformedPlaceholder(template: string): string | undefined {
  const rest = template.replace(PLACEHOLDER, '');
  const at = rest.search(/\{\{|\}\}/);
  if (at < 0) return undefined;
  return rest.slice(Math.max(0, at - 10), at + 20).trim();
}

/**
 * Fills every placeholder. A value the finding lacks prints as the template's fallback, or as
 * `<name>` so a person sees exactly what to fill in. `encode` is applied to real values only
 * (commands quote them for the shell; fallbacks are the author's own words).
 */
export function fillTemplate(template: string, vars: Variables, encode: (value: string) => string = (v) => v): string {
  return template.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    const value = vars[name];
    if (value !== undefined && value !== '') return encode(value);
    return fallback !== undefined ? fallback.trim() : `<${name}>`;
  });
}

// Names, images, keys and quantities never need quoting; anything else read from the cluster
// (an annotation, a message) could carry spaces or shell syntax into a command a person pastes.
const SHELL_SAFE = /^[A-Za-z0-9._/:@=+,%-]+$/;

export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
