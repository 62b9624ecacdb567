/**
 * Failures to inject, per request path, so a client's handling of a sick API server can be
 * tested for real: RBAC refusing one read, a 500 on another, a call that stalls past the
 * client's timeout, a connection reset, a body that trickles in.
 */
export interface Fault {
  // Which requests: a glob over the URL path, where * stays within one segment and ** crosses
  // segments (/api/v1/namespaces/*/pods/*/log, **/events), or a RegExp tested against the path
  // and the decoded query (/fieldSelector=involvedObject\.name=web-1/).
  path: string | RegExp;
  /** Answer with this HTTP status and the Status body a real API server sends with it. */
  status?: number;
  /** Drop the connection without answering: the client sees ECONNRESET. */
  reset?: boolean;
  /** Hold the request this long, then go on; Infinity holds it until the client gives up or the server closes. */
  stallMs?: number;
  /** Send the headers at once, then trickle the body out over this long. */
  slowBodyMs?: number;
  /** Only the first N matching requests; unset: every one. */
  times?: number;
}

interface ArmedFault {
  fault: Fault;
  matches: (path: string, search: string) => boolean;
  used: number;
}

/** The faults in force, first match wins; exhausted ones (`times`) stop matching. */
export class FaultPlan {
  #armed: ArmedFault[] = [];

  constructor(faults: readonly Fault[] = []) {
    this.set(faults);
  }

  set(faults: readonly Fault[]): void {
    this.#armed = faults.map((fault) => ({ fault, matches: matcher(fault.path), used: 0 }));
  }

  add(fault: Fault): void {
    this.#armed.push({ fault, matches: matcher(fault.path), used: 0 });
  }

  clear(): void {
    this.#armed = [];
  }

  list(): Fault[] {
    return this.#armed.map((armed) => armed.fault);
  }

  /** The fault for this request, if any, counting it as used. */
  take(path: string, search: string): Fault | undefined {
    const armed = this.#armed.find((a) => (a.fault.times === undefined || a.used < a.fault.times) && a.matches(path, search));
    if (!armed) return undefined;
    armed.used += 1;
    return armed.fault;
  }
}

function matcher(pattern: string | RegExp): (path: string, search: string) => boolean {
  if (pattern instanceof RegExp) return (path, search) => pattern.test(path + safeDecode(search));
  const regex = new RegExp(
    `^${pattern
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('')}$`,
  );
  return (path) => regex.test(path);
}

function safeDecode(search: string): string {
  try {
    return decodeURIComponent(search.replace(/\+/g, ' '));
  } catch {
    return search;
  }
}
