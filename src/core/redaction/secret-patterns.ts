// The shapes secrets take in logs, events, termination messages and container specs, as data.
// Each rule keeps what identifies the secret (its key, its scheme, a public prefix such as
// "AKIA" or "ghp_") and masks only the value, so the line stays readable: "password=****".

export const MASK = '****';

export interface SecretRule {
  name: string;
  pattern: RegExp;
  replace: (match: string, ...groups: string[]) => string;
}

/**
 * Key names whose values are secrets, matched at the end of the key so that DB_PASSWORD,
 * client_secret, accessToken and aws_secret_access_key count, while secretName, token_type
 * and max_tokens (references and settings, not secrets) do not.
 */
const SENSITIVE_WORDS =
  'password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|signing[_-]?key|encryption[_-]?key|master[_-]?key|credentials?|auth|sas';
const SENSITIVE_KEY_END = new RegExp(`(?:${SENSITIVE_WORDS})$`, 'i');

/**
 * Whether a key's value is a secret. PWD and OLDPWD end like "pwd" (a password in connection
 * strings) but are the shell's working directory: a path is not a secret.
 */
export function isSensitiveKey(key: string, value?: string): boolean {
  const bare = key.replace(/^-+/, '');
  if ((bare === 'PWD' || bare === 'OLDPWD') && (value === undefined || /^["']?[/~]/.test(value))) return false;
  return SENSITIVE_KEY_END.test(bare);
}

/** Keeps quotes around a masked value so JSON and YAML stay well-formed. */
function maskValue(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) return `${quote}${MASK}${quote}`;
  return MASK;
}

/** Applied in order: whole blocks first, then tokens recognisable by shape, then key=value forms. */
export const SECRET_RULES: readonly SecretRule[] = [
  {
    name: 'private key block',
    // A block cut off by a log tail has no END line: mask to the end of the text.
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$(?![\s\S]))/g,
    replace: (_match, kind = '') => `-----BEGIN ${kind}PRIVATE KEY-----\n${MASK}\n-----END ${kind}PRIVATE KEY-----`,
  },
  {
    name: 'credentials in a URL',
    // postgres://app:s3cret@db:5432/shop, amqp://guest:guest@rabbit, https://user:token@github.com
    // The password part runs to the last "@" of the authority: passwords with a raw "@" exist.
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/?#]*):([^\s/?#]+)@/gi,
    replace: (_match, scheme, user) => `${scheme}${user}:${MASK}@`,
  },
  {
    name: 'authorization header',
    pattern: /\b((?:Proxy-)?Authorization["']?\s*[:=]\s*["']?)(?:(Bearer|Basic|Token|Digest|Negotiate|AWS4-HMAC-SHA256|token)\s+)?([^\s"',;]+)/gi,
    replace: (_match, head, scheme) => `${head}${scheme ? `${scheme} ` : ''}${MASK}`,
  },
  {
    name: 'bearer token',
    // Not "token_type=Bearer max_tokens=100": a word followed by "=" is the next key, not a token.
    pattern: /\b(Bearer)\s+(?!\*{4})[A-Za-z0-9\-._~+/]+=*(?![=\w])/g,
    replace: (_match, word) => `${word} ${MASK}`,
  },
  {
    name: 'JSON web token',
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
    replace: () => MASK,
  },
  {
    name: 'AWS access key id',
    pattern: /\b(AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z0-9]{16}\b/g,
    replace: (_match, prefix) => `${prefix}${MASK}`,
  },
  {
    name: 'Slack token',
    pattern: /\b(xox[abposre])-[A-Za-z0-9-]{10,}/g,
    replace: (_match, prefix) => `${prefix}-${MASK}`,
  },
  {
    name: 'Slack app token',
    pattern: /\bxapp-\d-[A-Za-z0-9-]{10,}/g,
    replace: () => `xapp-${MASK}`,
  },
  {
    name: 'Slack webhook',
    pattern: /\bhttps:\/\/hooks\.slack\.com\/(services|workflows)\/[A-Za-z0-9/_-]+/g,
    replace: (_match, kind) => `https://hooks.slack.com/${kind}/${MASK}`,
  },
  {
    name: 'GitHub token',
    pattern: /\b(gh[pousr]_)[A-Za-z0-9]{30,255}\b/g,
    replace: (_match, prefix) => `${prefix}${MASK}`,
  },
  {
    name: 'GitHub fine-grained token',
    pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}/g,
    replace: () => `github_pat_${MASK}`,
  },
  {
    name: 'GitLab token',
    pattern: /\b(glpat-)[A-Za-z0-9_-]{20,}/g,
    replace: (_match, prefix) => `${prefix}${MASK}`,
  },
  {
    name: 'Google API key',
    pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g,
    replace: () => `AIza${MASK}`,
  },
  {
    name: 'Stripe key',
    pattern: /\b((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{10,}/g,
    replace: (_match, prefix) => `${prefix}${MASK}`,
  },
  {
    name: 'key=value with a secret key',
    // password=x, DB_PASSWORD: x (YAML, env), "apiKey": "x" (JSON), --token=x, Password=x; (connection
    // strings), ?access_token=x& (URLs), token => "x". The key must end in a secret word inside the
    // pattern itself, so a harmless key never swallows the text after it ("url: http://...?token=x").
    // containerd's "failed to fetch anonymous token: unexpected status ..." is an error chain, not a key.
    pattern: new RegExp(
      String.raw`(?<![\w.-])(?<!fetch (?:anonymous|oauth) )(["']?)(-{0,2}(?:[A-Za-z_][\w.-]*?)?(?:${SENSITIVE_WORDS}))\1([ \t]*(?:=>|[=:])[ \t]*)("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,;&"'{}[\])]+)`,
      'gi',
    ),
    replace: (match, quote, key, separator, value) =>
      isSensitiveKey(key, value) && value !== MASK && !/^["']\*{4}["']$/.test(value)
        ? `${quote}${key}${quote}${separator}${maskValue(value)}`
        : match,
  },
  {
    name: 'secret command-line flag',
    // --password hunter2, --token abc (a value separated by a space)
    pattern: /(?<![\w-])(--?[\w-]*(?:password|passwd|token|secret|api-key|apikey))(\s+)(?!-)(?!\*{4})(\S+)/gi,
    replace: (_match, flag, space) => `${flag}${space}${MASK}`,
  },
];
