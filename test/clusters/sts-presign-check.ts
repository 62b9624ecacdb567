import { createHash, createHmac } from 'node:crypto';

// An STS-shaped check of an EKS token, written from the SigV4 specification and
// aws-iam-authenticator's Verify, independently of the signing library the product uses:
// decode the token, apply the authenticator's URL rules, then recompute the signature STS
// would compute, with the expected cluster name in x-k8s-aws-id, and compare.

const ALLOWED = new Set(['action', 'version', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-security-token', 'x-amz-signature', 'x-amz-signedheaders']);

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
/** RFC 3986 encoding, as SigV4 wants it: encodeURIComponent leaves !'()* alone. */
const uriEncode = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SigV4Request {
  method: string;
  host: string;
  path: string;
  /** Every query parameter except X-Amz-Signature. */
  query: [string, string][];
  /** Lower-case signed header names and their values, host included. */
  headers: Record<string, string>;
  payloadHash: string;
}

export function sigV4Signature(request: SigV4Request, secretAccessKey: string, amzDate: string, region: string, service: string): string {
  const canonicalQuery = request.query
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const names = Object.keys(request.headers).sort();
  const canonicalHeaders = names.map((name) => `${name}:${request.headers[name]!.trim()}\n`).join('');
  const canonicalRequest = [request.method, request.path, canonicalQuery, canonicalHeaders, names.join(';'), request.payloadHash].join('\n');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

export interface TokenCheck {
  clusterName: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
  now: Date;
}

/** Returns the problems STS or the authenticator would find; an empty list means accepted. */
export function checkEksToken(token: string, expected: TokenCheck): string[] {
  const problems: string[] = [];
  if (!token.startsWith('k8s-aws-v1.')) return ['missing the k8s-aws-v1. prefix'];
  const encoded = token.slice('k8s-aws-v1.'.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) problems.push('not unpadded base64url');
  const url = new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
  if (url.protocol !== 'https:') problems.push(`scheme ${url.protocol}`);
  if (!/^sts(\.[a-z1-9-]+)?\.amazonaws\.com(\.cn)?$/.test(url.hostname)) problems.push(`host ${url.hostname}`);
  if (url.pathname !== '/') problems.push(`path ${url.pathname}`);
  const params = new Map<string, string>();
  const query: [string, string][] = [];
  for (const [key, value] of url.searchParams) {
    if (!ALLOWED.has(key.toLowerCase())) problems.push(`query parameter ${key} is not allowed`);
    if (params.has(key.toLowerCase())) problems.push(`query parameter ${key} repeated`);
    params.set(key.toLowerCase(), value);
    if (key !== 'X-Amz-Signature') query.push([key, value]);
  }
  const param = (name: string) => params.get(name) ?? '';
  if (param('action') !== 'GetCallerIdentity') problems.push(`Action ${param('action')}`);
  if (param('version') !== '2011-06-15') problems.push(`Version ${param('version')}`);
  if (param('x-amz-expires') !== '60') problems.push(`X-Amz-Expires ${param('x-amz-expires')}`);
  if (param('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') problems.push(`X-Amz-Algorithm ${param('x-amz-algorithm')}`);
  if ((expected.sessionToken ?? '') !== param('x-amz-security-token')) problems.push('X-Amz-Security-Token differs from the session token');
  const signedHeaders = param('x-amz-signedheaders').split(';');
  if (!signedHeaders.includes('x-k8s-aws-id')) problems.push('x-k8s-aws-id is not signed');
  const amzDate = param('x-amz-date');
  const signedAt = Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (Number.isNaN(signedAt) || expected.now.getTime() > signedAt + 15 * 60_000) problems.push(`X-Amz-Date ${amzDate} is expired or unreadable`);
  const scope = `${amzDate.slice(0, 8)}/${expected.region}/sts/aws4_request`;
  if (param('x-amz-credential') !== `${expected.accessKeyId}/${scope}`) problems.push(`X-Amz-Credential ${param('x-amz-credential')}`);
  // STS recomputes with the headers the authenticator sends: its own cluster name.
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = name === 'host' ? url.host : name === 'x-k8s-aws-id' ? expected.clusterName : '';
  const signature = sigV4Signature({ method: 'GET', host: url.host, path: '/', query, headers, payloadHash: sha256Hex('') }, expected.secretAccessKey, amzDate, expected.region, 'sts');
  if (signature !== param('x-amz-signature')) problems.push('signature does not match');
  return problems;
}
