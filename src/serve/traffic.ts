/**
 * Counts what the server was asked, for tests and benchmarks of clients that promise to read
 * in parallel.
 *
 * A wave is one round trip's worth of requests. A request joins the current wave when it
 * arrives while another API request is still in flight, or within `windowMs` (default 5 ms)
 * of the wave's first request; otherwise it starts a new wave. So N requests sent together
 * count as one wave, and a chain of N requests that each wait for the previous answer counts
 * as N waves, provided each answer takes longer than the window: give the server some latency
 * (latencyMs: 20) when counting waves, or a fast loopback answer lets a chain look parallel.
 * A request stalled by a fault stays in flight, and anything arriving meanwhile joins its wave.
 */
export interface ServedRequest {
  method: string;
  path: string;
  /** The query string with its "?", or "". */
  query: string;
  /** The HTTP status sent; "reset" when a fault dropped the connection; "aborted" when the client left first. */
  status?: number | 'reset' | 'aborted';
  /** Milliseconds since the recorder started (or was reset). */
  arrivedMs: number;
  finishedMs?: number;
  /** 1-based. */
  wave: number;
}

export interface TrafficReport {
  requests: number;
  waves: number;
  inFlight: number;
  /** Every request, oldest first (the most recent 10,000). */
  log: ServedRequest[];
}

const KEEP = 10_000;

export class TrafficRecorder {
  readonly windowMs: number;
  readonly #clock: () => number;
  #origin = 0;
  #requests = 0;
  #waves = 0;
  #waveStartedAt = Number.NEGATIVE_INFINITY;
  #inFlight = new Set<ServedRequest>();
  #log: ServedRequest[] = [];

  constructor(windowMs = 5, clock: () => number = () => performance.now()) {
    this.windowMs = windowMs;
    this.#clock = clock;
    this.#origin = clock();
  }

  begin(method: string, path: string, query: string): ServedRequest {
    const now = this.#clock() - this.#origin;
    if (this.#inFlight.size === 0 && now - this.#waveStartedAt > this.windowMs) {
      this.#waves += 1;
      this.#waveStartedAt = now;
    }
    this.#requests += 1;
    const record: ServedRequest = { method, path, query, arrivedMs: round(now), wave: this.#waves };
    this.#inFlight.add(record);
    this.#log.push(record);
    if (this.#log.length > KEEP) this.#log.shift();
    return record;
  }

  /** Marks a request done; the first outcome recorded stands (a reset is not later called aborted). */
  end(record: ServedRequest, status: ServedRequest['status']): void {
    if (!this.#inFlight.delete(record)) return;
    record.status = status;
    record.finishedMs = round(this.#clock() - this.#origin);
  }

  report(): TrafficReport {
    return { requests: this.#requests, waves: this.#waves, inFlight: this.#inFlight.size, log: this.#log.map((record) => ({ ...record })) };
  }

  /** Starts counting afresh; requests still in flight finish uncounted. */
  reset(): void {
    this.#origin = this.#clock();
    this.#requests = 0;
    this.#waves = 0;
    this.#waveStartedAt = Number.NEGATIVE_INFINITY;
    this.#inFlight.clear();
    this.#log = [];
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
