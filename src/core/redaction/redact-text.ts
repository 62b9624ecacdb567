import { SECRET_RULES } from './secret-patterns.ts';

/**
 * Masks the secrets a piece of text may carry (logs, event messages, termination messages,
 * commands) and leaves the rest of each line as it was: "password=****",
 * "postgres://app:****@db:5432/shop", "Authorization: Bearer ****". Masking is idempotent, so
 * text that was already redacted upstream can safely pass through again.
 */
export function redactText(text: string): string {
  let out = text;
  for (const rule of SECRET_RULES) {
    out = out.replace(rule.pattern, (match: string, ...rest: unknown[]) => {
      // String.replace passes the groups, then the offset and the whole string: keep the groups.
      const groups = rest.slice(0, -2).map((group) => (typeof group === 'string' ? group : ''));
      return rule.replace(match, ...groups);
    });
  }
  return out;
}
