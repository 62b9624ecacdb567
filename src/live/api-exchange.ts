import {
  Observable,
  ResponseContext,
  type ConfigurationOptions,
  type ObservableMiddleware,
  type RequestContext,
  type ResponseBody,
} from '@kubernetes/client-node';
import type { ApiRead } from './api-read.ts';
import { failureWithoutAnswer } from './read-failures.ts';

/** The HTTP answer to one read, body as the API server sent it (JSON text, or log text). */
export interface Exchange {
  status: number;
  body: string;
}

/** Calls one typed client-node method with the per-call options this exchange supplies. */
export type Invoke = (options: ConfigurationOptions<ObservableMiddleware>) => Promise<unknown>;

export interface ExchangeLimits {
  /** No single request may take longer than this. */
  requestTimeoutMs: number;
  /** All reads for one answer together may not take longer than this. */
  budgetMs: number;
}

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;

/**
 * Sends reads through client-node's typed APIs and keeps what client-node would lose: the
 * raw JSON (its model classes drop fields they do not know and turn timestamps into Dates,
 * while the core reads objects exactly as the API server returns them), and the HTTP status
 * of an error. It also bounds every request by a per-request timeout and the answer's budget,
 * and reuses one connection pool where client-node would open a new one per request.
 */
export class ApiExchange {
  readonly server: string;
  readonly limits: ExchangeLimits;
  #budget: AbortSignal | undefined;
  #dispatcher: Dispatcher | undefined;

  constructor(server: string, limits: ExchangeLimits) {
    this.server = server;
    this.limits = limits;
  }

  /** The budget's clock starts at the first read, so loading credentials before it does not count. */
  #budgetSignal(): AbortSignal {
    return (this.#budget ??= AbortSignal.timeout(this.limits.budgetMs));
  }

  /**
   * Resolves with the HTTP answer, whatever its status; rejects with a ReadFailure only when
   * there is no answer (timeout, budget spent, connection or TLS failure, unusable credentials).
   */
  async send(read: ApiRead, invoke: Invoke): Promise<Exchange> {
    const budget = this.#budgetSignal();
    if (budget.aborted) throw failureWithoutAnswer(read, this.server, { kind: 'budget-spent', budgetMs: this.limits.budgetMs });
    const timeout = AbortSignal.timeout(this.limits.requestTimeoutMs);
    const signal = AbortSignal.any([timeout, budget]);

    let sent = false;
    let exchange: Exchange | undefined;
    const middleware: ObservableMiddleware = {
      pre: (context) => {
        sent = true;
        context.setSignal(signal);
        this.#shareConnections(context);
        return new Observable(Promise.resolve(context));
      },
      post: (response) =>
        new Observable(
          response.body.text().then((body) => {
            exchange = { status: response.httpStatusCode, body };
            return new ResponseContext(response.httpStatusCode, response.headers, replay(body));
          }),
        ),
    };

    const call = invoke({ middleware: [middleware], middlewareMergeStrategy: 'append' });
    let stop: (() => void) | undefined;
    // Credential plugins run before the request exists and ignore the signal: the race makes
    // sure nothing outlives the limits.
    const limit = new Promise<never>((_, reject) => {
      stop = () => reject(signal.reason);
      signal.addEventListener('abort', stop, { once: true });
    });
    try {
      await Promise.race([call, limit]);
    } catch (error) {
      call.catch(() => undefined);
      if (exchange) return exchange;
      if (budget.aborted) throw failureWithoutAnswer(read, this.server, { kind: 'budget-spent', budgetMs: this.limits.budgetMs });
      if (timeout.aborted) throw failureWithoutAnswer(read, this.server, { kind: 'request-timeout', timeoutMs: this.limits.requestTimeoutMs });
      throw failureWithoutAnswer(read, this.server, sent ? { kind: 'transport', error } : { kind: 'not-sent', error });
    } finally {
      if (stop) signal.removeEventListener('abort', stop);
    }
    // A success the typed client could not deserialize still carries the raw answer.
    if (!exchange) throw failureWithoutAnswer(read, this.server, { kind: 'transport', error: new Error('no response was recorded') });
    return exchange;
  }

  /**
   * client-node builds a fresh undici Agent (so a fresh TCP and TLS handshake) for every
   * request; one per reader is enough, since the TLS material of a kubeconfig user does not
   * change within one answer.
   */
  #shareConnections(context: RequestContext): void {
    const fresh = context.getDispatcher();
    if (!fresh) return;
    this.#dispatcher ??= fresh;
    if (fresh !== this.#dispatcher) context.setDispatcher(this.#dispatcher);
  }
}

function replay(body: string): ResponseBody {
  return { text: async () => body, binary: async () => Buffer.from(body, 'utf8'), stream: () => null };
}
