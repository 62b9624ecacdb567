import type { EnvVar } from '../kube/types.ts';
import { redactText } from './redact-text.ts';
import { isSensitiveKey, MASK } from './secret-patterns.ts';

/**
 * A container's env as it may be shown: literal values of secret-named variables masked
 * (DB_PASSWORD, API_TOKEN, AWS_SECRET_ACCESS_KEY), other values passed through redactText (a
 * DATABASE_URL with a password in it). References (valueFrom) are kept: they name a Secret or
 * ConfigMap key, never its value, and they are what a person needs to see.
 */
export function redactEnv(env: readonly EnvVar[] | undefined): EnvVar[] {
  return (env ?? []).map((variable) => {
    if (variable.value === undefined) return { ...variable };
    const value = isSensitiveKey(variable.name, variable.value) && variable.value !== '' ? MASK : redactText(variable.value);
    return { ...variable, value };
  });
}

/** A command line as it may be shown: "--password hunter2" and inline URLs with credentials masked. */
export function redactCommand(words: readonly string[]): string {
  return redactText(words.map((word) => (/\s/.test(word) ? JSON.stringify(word) : word)).join(' '));
}
