import type { KubeEvent, KubeObject } from '../core/kube/types.ts';
import {
  ReadFailure,
  type ClusterReader,
  type ListQuery,
  type LogRequest,
  type ObjectRef,
  type ResourceKind,
  type ResourceOf,
} from '../core/reader/cluster-reader.ts';
import { describeRead, type ApiRead } from './api-read.ts';
import type { ApiExchange, Exchange } from './api-exchange.ts';
import { readEvents } from './read-events.ts';
import { RESOURCES, type CallOptions, type KubeClients, type ListParams } from './kube-clients.ts';
import { failureForStatus, parseStatus } from './read-failures.ts';

export interface LiveReaderOptions {
  /** For the answer's context line: "cluster prod", "context kind-dev". */
  source: string;
  /** Items per list page; kubectl's chunk size. */
  pageSize?: number;
}

const DEFAULT_PAGE_SIZE = 500;
/** A list that pages past this is not something one diagnosis should hold in memory. */
const MAX_LIST_ITEMS = 50_000;

/**
 * The ClusterReader over a real API server, through client-node's typed APIs. It answers as
 * the snapshot reader does: a get of a missing object is undefined, a container with no
 * output has undefined logs, and everything else that goes wrong is a ReadFailure naming the
 * read in RBAC terms. It has no clock of its own: a live answer is about now.
 */
export class LiveReader implements ClusterReader {
  readonly source: string;
  readonly #clients: KubeClients;
  readonly #exchange: ApiExchange;
  readonly #pageSize: number;

  constructor(clients: KubeClients, exchange: ApiExchange, options: LiveReaderOptions) {
    this.source = options.source;
    this.#clients = clients;
    this.#exchange = exchange;
    this.#pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  async get<K extends ResourceKind>(kind: K, name: string, namespace?: string): Promise<ResourceOf<K> | undefined> {
    const def = RESOURCES[kind];
    // Namespaced kinds are always asked with a namespace; kubectl's default stands in otherwise.
    const scope = def.namespaced ? (namespace ?? 'default') : undefined;
    const read: ApiRead = { verb: 'get', group: def.group, resource: def.resource, namespaced: def.namespaced, name, ...(scope ? { namespace: scope } : {}) };
    const answer = await this.#exchange.send(read, (options) => def.get(this.#clients, name, scope, options));
    if (answer.status === 404) return undefined;
    return withTypeMeta(jsonOf(read, answer), kind, def) as ResourceOf<K>;
  }

  async list<K extends ResourceKind>(kind: K, query: ListQuery = {}): Promise<ResourceOf<K>[]> {
    const def = RESOURCES[kind];
    const namespace = def.namespaced ? query.namespace : undefined;
    const read: ApiRead = { verb: 'list', group: def.group, resource: def.resource, namespaced: def.namespaced, ...(namespace ? { namespace } : {}) };
    const items = await this.#pages(read, query, (params, options) => def.list(this.#clients, namespace, params, options));
    return items.map((item) => withTypeMeta(item, kind, def)) as ResourceOf<K>[];
  }

  async events(about: ObjectRef): Promise<KubeEvent[]> {
    return readEvents(about, (read, query, listPage) => this.#pages(read, query, (params, options) => listPage(this.#clients, params, options)));
  }

  async logs(request: LogRequest): Promise<string | undefined> {
    const read: ApiRead = { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespaced: true, namespace: request.namespace, name: request.pod };
    const answer = await this.#exchange.send(read, (options) =>
      this.#clients.core.readNamespacedPodLog(
        {
          name: request.pod,
          namespace: request.namespace,
          container: request.container,
          previous: request.previous,
          ...(request.tailLines !== undefined ? { tailLines: request.tailLines } : {}),
          ...(request.limitBytes !== undefined ? { limitBytes: request.limitBytes } : {}),
        },
        options,
      ),
    );
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    // The pod went away between reads: it has no output to show any more.
    if (answer.status === 404) return undefined;
    if (answer.status === 400 && NO_OUTPUT.test(parseStatus(answer.body).message ?? '')) return undefined;
    throw failureForStatus(read, answer.status, answer.body);
  }

  /** Every page of one list, following `continue` until the server has no more. */
  async #pages(read: ApiRead, query: ListQuery, listPage: (params: ListParams, options: CallOptions) => Promise<unknown>): Promise<KubeObject[]> {
    const items: KubeObject[] = [];
    let token: string | undefined;
    do {
      const params: ListParams = {
        limit: this.#pageSize,
        ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
        ...(query.fieldSelector ? { fieldSelector: query.fieldSelector } : {}),
        ...(token ? { _continue: token } : {}),
      };
      const answer = await this.#exchange.send(read, (options) => listPage(params, options));
      const page = jsonOf(read, answer) as { items?: KubeObject[] | null; metadata?: { continue?: string } };
      items.push(...(page.items ?? []));
      token = page.metadata?.continue || undefined;
      if (items.length > MAX_LIST_ITEMS) throw new ReadFailure('unreadable', describeRead(read), `more than ${MAX_LIST_ITEMS} items: too many to diagnose from`);
    } while (token);
    return items;
  }
}

/**
 * What the kubelet says when a container has no output to give (validateContainerLogStatus):
 * no previous instance, never started yet, or gone without a container ID. The API server
 * relays it as a 400; for a diagnosis it means "no logs", not a failed read.
 */
const NO_OUTPUT = /^previous terminated container ".*" in pod ".*" not found|^container ".*" in pod ".*" is (?:waiting to start|terminated|not available)/;

function jsonOf(read: ApiRead, answer: Exchange): KubeObject {
  if (answer.status < 200 || answer.status >= 300) throw failureForStatus(read, answer.status, answer.body);
  try {
    return JSON.parse(answer.body) as KubeObject;
  } catch {
    throw new ReadFailure('unreadable', describeRead(read), `the answer is not JSON: ${answer.body.slice(0, 120)}`);
  }
}

/** List items come without kind and apiVersion; the core tells objects apart by them, as in a snapshot. */
function withTypeMeta(object: KubeObject, kind: string, def: { group: string; version: string }): KubeObject {
  return { ...object, kind: object.kind ?? kind, apiVersion: object.apiVersion ?? (def.group ? `${def.group}/${def.version}` : def.version) };
}
