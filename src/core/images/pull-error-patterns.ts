// What an image pull error means, read from the words the kubelet and the runtimes put in
// Failed events and in status.containerStatuses[].state.waiting.message. The kubelet passes the
// runtime's error through unchanged, so the same failure reads differently under dockershim or
// cri-dockerd ("Error response from daemon: ..."), containerd ("failed to pull and unpack
// image ...: failed to resolve reference ...") and CRI-O ("initializing source docker://...:
// reading manifest ..."), and registries add their own codes. Data, not branches: the first
// pattern that matches wins, so the order below is the precedence.

export type PullErrorKind =
  /** The registry throttles this client: 429 / toomanyrequests. */
  | 'rate-limited'
  /** The reference cannot be parsed, or CRI-O cannot resolve a short name. */
  | 'invalid-name'
  /** The registry was never reached, or not trusted: DNS, TCP, TLS, timeouts. */
  | 'network'
  /** Docker Hub's deliberate ambiguity: "does not exist or may require authorization". */
  | 'access-ambiguous'
  /** The registry refused the credentials given, or asked for some and got none. */
  | 'unauthorized'
  /** The registry answered, and has no such repository, tag or digest. */
  | 'not-found'
  /** imagePullPolicy Never and the image is not on the node. */
  | 'never-pull'
  /** The tag exists but has no variant for the node's OS and architecture. */
  | 'platform-mismatch';

export interface PullErrorPattern {
  kind: PullErrorKind;
  pattern: RegExp;
  /** What the matched words mean, as a person would check it. */
  meaning: string;
}

export const PULL_ERROR_PATTERNS: readonly PullErrorPattern[] = [
  // Rate limits first: Docker Hub also answers a throttled token request with 429 inside a
  // "failed to authorize" error, which must not read as a credentials problem.
  { kind: 'rate-limited', pattern: /toomanyrequests/i, meaning: 'the registry refused the pull with "toomanyrequests": its pull rate limit for this client is used up' },
  { kind: 'rate-limited', pattern: /\b429 Too Many Requests\b/i, meaning: 'the registry answered HTTP 429 Too Many Requests' },
  { kind: 'rate-limited', pattern: /\bpull rate limit\b/i, meaning: 'the registry says the pull rate limit was reached' },
  { kind: 'rate-limited', pattern: /\b(?:status(?: code)?|HTTP status):? 429\b/i, meaning: 'the registry answered HTTP 429 (too many requests)' },
  { kind: 'rate-limited', pattern: /\brate exceeded\b/i, meaning: 'the registry says the request rate was exceeded' },
  { kind: 'rate-limited', pattern: /pull QPS exceeded/, meaning: "the kubelet's own pull rate limit (--registry-qps / registryPullQPS) was exceeded on this node" },

  { kind: 'never-pull', pattern: /is not present with pull policy of Never/, meaning: 'imagePullPolicy is Never and the image is not on this node, so the kubelet will not pull it' },

  { kind: 'invalid-name', pattern: /Failed to apply default image tag/, meaning: 'the kubelet could not parse the image reference' },
  { kind: 'invalid-name', pattern: /couldn't parse image reference/, meaning: 'the kubelet could not parse the image reference' },
  { kind: 'invalid-name', pattern: /repository name(?: \([^)]*\))? must be lowercase/, meaning: 'the repository name has upper-case letters' },
  { kind: 'invalid-name', pattern: /invalid reference format/, meaning: 'the image reference is not valid reference syntax' },
  { kind: 'invalid-name', pattern: /cannot specify 64-byte hexadecimal strings/, meaning: 'a bare image id cannot be used as a reference' },
  // CRI-O in short-name-mode "enforcing" refuses unqualified names it cannot resolve to one registry.
  { kind: 'invalid-name', pattern: /short[- ]name .*did not resolve to an alias|short-name resolution enforced|returns ambiguous list/i, meaning: 'CRI-O cannot resolve the short image name to one registry: the reference must name its registry (e.g. docker.io/library/nginx)' },

  // Network before credentials: "failed to authorize: failed to fetch anonymous token: ... dial
  // tcp ... i/o timeout" never reached the registry, whatever the first words say.
  { kind: 'network', pattern: /no such host/, meaning: 'DNS on the node cannot resolve the host' },
  { kind: 'network', pattern: /server misbehaving|Temporary failure in name resolution/, meaning: "the node's DNS server failed to answer for the host" },
  { kind: 'network', pattern: /x509: |tls: failed to verify certificate/, meaning: "the node does not trust the registry's TLS certificate" },
  { kind: 'network', pattern: /server gave HTTP response to HTTPS client/, meaning: 'the registry speaks plain HTTP but the runtime expects HTTPS (an insecure registry not configured on the node)' },
  { kind: 'network', pattern: /i\/o timeout|TLS handshake timeout|Client\.Timeout exceeded|context deadline exceeded|DeadlineExceeded/, meaning: 'the connection to the registry timed out' },
  { kind: 'network', pattern: /connection refused/, meaning: 'nothing accepts connections at the registry address' },
  { kind: 'network', pattern: /connection reset by peer|no route to host|network is unreachable/, meaning: 'the network path from the node to the registry is broken (reset, no route or unreachable)' },
  { kind: 'network', pattern: /because of no progress/, meaning: 'the download stalled and the runtime cancelled it' },
  { kind: 'network', pattern: /because the registry is unavailable/, meaning: 'the kubelet reports the registry unavailable' },
  { kind: 'network', pattern: /\bdial tcp\b/, meaning: 'the node could not connect to the registry' },

  // Docker Hub (and registries built on the distribution project) answer the same for a
  // repository that does not exist and for a private one without valid credentials.
  { kind: 'access-ambiguous', pattern: /repository does not exist or may require/, meaning: 'the registry says the repository does not exist or needs credentials, without saying which' },
  { kind: 'access-ambiguous', pattern: /requested access to the resource is denied/, meaning: 'the registry denied access, which it also does for repositories that do not exist' },
  { kind: 'access-ambiguous', pattern: /does not exist or no pull access/, meaning: 'the registry says the repository does not exist or cannot be pulled, without saying which (older docker wording)' },
  { kind: 'access-ambiguous', pattern: /pull access denied/, meaning: 'the registry denied the pull, which it also does for repositories that do not exist' },

  { kind: 'unauthorized', pattern: /\b401 Unauthorized\b/i, meaning: 'the registry answered 401 Unauthorized: no credentials or wrong ones' },
  { kind: 'unauthorized', pattern: /\b403 Forbidden\b/i, meaning: 'the registry answered 403 Forbidden: the credentials are valid but do not grant pull on this repository' },
  { kind: 'unauthorized', pattern: /no basic auth credentials/, meaning: 'the runtime had no credentials for this registry' },
  { kind: 'unauthorized', pattern: /authentication required/i, meaning: 'the registry requires credentials and none valid were sent' },
  { kind: 'unauthorized', pattern: /authorization token has expired|invalid username\/password|incorrect username or password/i, meaning: 'the credentials were rejected (expired token or wrong password)' },
  { kind: 'unauthorized', pattern: /\bunauthorized\b/i, meaning: 'the registry answered unauthorized' },
  { kind: 'unauthorized', pattern: /\bdenied: |Permission "[^"]+" denied/, meaning: 'the registry denied access to this repository for the credentials used' },
  { kind: 'unauthorized', pattern: /authorization failed/, meaning: 'the registry rejected the authorization' },

  // Before generic "not found": containerd ends this one in ": not found" too.
  { kind: 'platform-mismatch', pattern: /no match for platform in manifest|no matching manifest for \S+ in the manifest list|image operating system "\w+" cannot be used on this platform/, meaning: "the image has no variant for this node's OS and CPU architecture (an amd64-only image on an arm64 node, or the reverse)" },
  { kind: 'not-found', pattern: /manifest unknown|manifest for \S+ not found/i, meaning: 'the registry has no manifest for this tag or digest' },
  { kind: 'not-found', pattern: /name unknown|NAME_UNKNOWN|repository name not known to registry/i, meaning: 'the registry has no repository by this name' },
  { kind: 'not-found', pattern: /Tag \S+ not found in repository/, meaning: 'the repository has no such tag (older docker wording)' },
  { kind: 'not-found', pattern: /Requested image not found/, meaning: 'the registry has no image for this tag or digest' },
  { kind: 'not-found', pattern: /\b404 Not Found\b/, meaning: 'the registry answered 404 Not Found' },
  { kind: 'not-found', pattern: /code = NotFound|: not found\b|\bnot found$/, meaning: 'the registry resolved no image for this reference (containerd: "not found")' },
];

export interface PullErrorMatch extends PullErrorPattern {
  /** The part of the message the pattern matched. */
  matched: string;
}

/**
 * What a pull error message means, or undefined for words we do not know. A kubelet that holds
 * several credentials for the registry (pull secrets, the node's own) tries each in turn and,
 * when all fail, reports every error at once: "[err1, err2]" (utilerrors.NewAggregate in
 * kuberuntime_image.go). An attempt that reached the image and found no such tag or platform
 * speaks for credentials the registry accepted, so it outranks a refusal from another attempt.
 */
export function classifyPullError(message: string): PullErrorMatch | undefined {
  const attempts = pullAttempts(message);
  if (attempts.length > 1) {
    const decisive = attempts.map(firstMatch).find((match) => match && DECISIVE_IN_AGGREGATE.has(match.kind));
    if (decisive) return decisive;
  }
  return firstMatch(message);
}

const DECISIVE_IN_AGGREGATE: ReadonlySet<PullErrorKind> = new Set(['not-found', 'platform-mismatch']);

/** The separate attempts in "Failed to pull image "x": [rpc error: ..., rpc error: ...]"; one element when not aggregated. */
export function pullAttempts(message: string): string[] {
  const inner = /\[((?:rpc error: |Error response from daemon|failed to pull and unpack image)[\s\S]*)\]\s*$/.exec(message)?.[1];
  if (!inner) return [message];
  return inner.split(/, (?=rpc error: |Error response from daemon|failed to pull and unpack image)/);
}

function firstMatch(message: string): PullErrorMatch | undefined {
  for (const entry of PULL_ERROR_PATTERNS) {
    const found = entry.pattern.exec(message);
    if (found) return { ...entry, matched: found[0] };
  }
  return undefined;
}

// Which runtime wrote an error, from its own phrasing: tells a person where to look on the node
// (crictl vs docker) and explains why the same failure reads differently across clusters.
const RUNTIME_PHRASES: readonly { runtime: string; pattern: RegExp }[] = [
  { runtime: 'docker', pattern: /Error response from daemon/ },
  { runtime: 'containerd', pattern: /failed to pull and unpack image|failed to resolve reference|failed to (?:fetch|authorize).*token|pulling from host/ },
  { runtime: 'CRI-O', pattern: /initializing source docker:\/\/|reading manifest \S+ in |pinging (?:container|docker) registry|short-name/ },
];

export function runtimeOfPullError(message: string): string | undefined {
  return RUNTIME_PHRASES.find((entry) => entry.pattern.test(message))?.runtime;
}

/** The host in "lookup registry.example.com on 10.0.0.2:53: no such host", when DNS failed. */
export function unresolvedHost(message: string): string | undefined {
  return /lookup ([^\s:]+)(?: on [^:]+:\d+)?: (?:no such host|server misbehaving|Temporary failure)/.exec(message)?.[1];
}
