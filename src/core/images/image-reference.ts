// Image references parsed the way the kubelet and every runtime parse them (the grammar of
// github.com/distribution/reference, ParseNormalizedNamed): a reference the kubelet cannot
// parse ends in InvalidImageName, and one it can parse names a registry, a repository and a
// tag or digest that a person can check one by one.

export interface ImageReference {
  /** As written in the pod spec. */
  raw: string;
  /** Registry host (and port): "docker.io" when the reference names none. */
  registry: string;
  /** Repository path inside the registry: "library/nginx" for Docker Hub's official "nginx". */
  repository: string;
  /** The tag the runtime pulls: "latest" when the reference has neither tag nor digest. */
  tag?: string;
  digest?: string;
  /** The reference named no registry, so Docker Hub was assumed. */
  registryImplied: boolean;
  /** The reference named neither tag nor digest, so ":latest" was assumed. */
  tagImplied: boolean;
}

export type ParsedImage = { ok: true; reference: ImageReference } | { ok: false; raw: string; problem: string };

const DEFAULT_REGISTRY = 'docker.io';
const MAX_NAME_LENGTH = 255;

// Building blocks of the reference grammar, kept as the distribution project writes them.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?`;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME = new RegExp(`^(?:(${DOMAIN})/)?(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)$`);
const SIXTY_FOUR_HEX = /^[a-f0-9]{64}$/;

/** Parses an image reference; on failure says what is wrong in words a person can act on. */
export function parseImageReference(raw: string): ParsedImage {
  const fail = (problem: string): ParsedImage => ({ ok: false, raw, problem });
  if (raw === '') return fail('the image is empty');
  if (/\s/.test(raw)) return fail('it contains whitespace (often a stray space or newline from templating)');
  if (/^[a-z]+:\/\//i.test(raw)) return fail('it starts with a URL scheme; image references never contain "https://"');

  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return fail(`the digest "${digest}" is not algorithm:hex (e.g. sha256: and 64 hex digits)`);
  }

  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon >= 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (tag === '') return fail('the tag after ":" is empty (often an unset templating value)');
    if (!TAG.test(tag)) return fail(`the tag "${tag}" has characters a tag cannot have (letters, digits, "_", "." and "-" only, at most 128)`);
  }

  if (rest === '') return fail('the repository name is empty');
  if (rest.length > MAX_NAME_LENGTH) return fail(`the repository name is longer than ${MAX_NAME_LENGTH} characters`);
  if (SIXTY_FOUR_HEX.test(rest)) return fail('it is a bare 64-character hex id, which cannot be used as a repository name');

  // An empty component at either end is a templated prefix or suffix that came out empty:
  // "${REGISTRY}/app:1" with REGISTRY unset reads "/app:1".
  if (rest.startsWith('/')) return fail('it starts with "/": the registry host that should come before it is empty (an unset variable or setting that holds the registry address)');
  if (rest.endsWith('/')) return fail('it ends with "/": the image name after the registry path is empty');
  const hostPort = /^([^/]*):([^/]*)\//.exec(rest);
  if (hostPort && !rest.startsWith('[') && !/^\d+$/.test(hostPort[2]!)) {
    // "images:ubuntu/24.04": the colon cannot start a port ("ubuntu" is no number), nor a tag, since a tag cannot contain "/".
    const after = rest.slice(hostPort[1]!.length + 1) + (tag === undefined ? '' : `:${tag}`);
    return fail(`the ":" after "${hostPort[1]}" starts neither a port ("${hostPort[2]}" is not a number) nor a tag ("${after}" contains "/", which a tag cannot)`);
  }

  const { registry, path, implied } = splitRegistry(rest);
  if (path !== path.toLowerCase() && NAME.test(joinName(implied ? undefined : registry, path.toLowerCase()))) {
    return fail(`the repository "${path}" has upper-case letters; repository names must be lower case`);
  }
  if (!NAME.test(joinName(implied ? undefined : registry, path))) {
    if (rest.includes('//')) return fail('it has an empty path component ("//")');
    return fail(`"${rest}" is not a valid repository name (lower-case letters, digits and single separators . _ __ - between them)`);
  }

  const repository = registry === DEFAULT_REGISTRY && !path.includes('/') ? `library/${path}` : path;
  const tagImplied = tag === undefined && digest === undefined;
  return {
    ok: true,
    reference: {
      raw,
      registry,
      repository,
      tag: tagImplied ? 'latest' : tag,
      digest,
      registryImplied: implied,
      tagImplied,
    },
  };
}

/**
 * The first path component is a registry only if it looks like a host: it has a dot or a port,
 * or is "localhost". Otherwise the whole name lives on Docker Hub ("bitnami/redis").
 */
function splitRegistry(name: string): { registry: string; path: string; implied: boolean } {
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  if (slash < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    return { registry: DEFAULT_REGISTRY, path: name, implied: true };
  }
  const registry = first === 'index.docker.io' ? DEFAULT_REGISTRY : first;
  return { registry, path: name.slice(slash + 1), implied: false };
}

function joinName(registry: string | undefined, path: string): string {
  return registry ? `${registry}/${path}` : path;
}

/** "docker.io/library/nginx:1.25" or "...@sha256:abcd": the fully qualified form a runtime pulls. */
export function qualifiedName(reference: ImageReference): string {
  const base = `${reference.registry}/${reference.repository}`;
  if (reference.digest) return reference.tag && !reference.tagImplied ? `${base}:${reference.tag}@${reference.digest}` : `${base}@${reference.digest}`;
  return `${base}:${reference.tag ?? 'latest'}`;
}

/** The tag or digest, the way a person names "the version": "1.25", "sha256:abcd…". */
export function versionOf(reference: ImageReference): string {
  if (reference.digest) return reference.digest;
  return reference.tag ?? 'latest';
}
