import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '../snapshot/snapshot.ts';
import type { SnapshotReader } from '../snapshot/snapshot-reader.ts';
import { answerApiRequest } from './api-handler.ts';
import { failureFor, type ApiResponse } from './api-status.ts';
import { answerDebugRequest, DEBUG_PREFIX } from './debug-endpoint.ts';
import { FaultPlan, type Fault } from './faults.ts';
import { ObjectStore } from './object-store.ts';
import { parseRoute } from './request-route.ts';
import { TrafficRecorder, type TrafficReport } from './traffic.ts';

export interface ReplayServerOptions {
  snapshot: Snapshot;
  /** The reader over the same snapshot, when the caller already has one (readSnapshotFile gives both). */
  reader?: SnapshotReader;
  /** 0 (default): any free port. */
  port?: number;
  /** Loopback only: the server has no authentication. Default 127.0.0.1. */
  address?: string;
  /** Added before every API answer; a function can vary it per request. */
  latencyMs?: number | ((request: { method: string; path: string }) => number);
  faults?: readonly Fault[];
  /** See TrafficRecorder: how close together requests must arrive to share a wave. */
  waveWindowMs?: number;
  /** Who RBAC refuses in injected 403s. */
  user?: string;
}

export interface ReplayServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  readonly store: ObjectStore;
  /** Change faults while running: set, add, clear. */
  readonly faults: FaultPlan;
  traffic(): TrafficReport;
  resetTraffic(): void;
  /** Stops listening and drops every connection, stalled ones included. */
  close(): Promise<void>;
}

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127(\.\d{1,3}){3}$/.test(address);
}

/** Serves a snapshot as a read-only Kubernetes API on loopback (see docs in src/serve/README.md). */
export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const address = options.address ?? '127.0.0.1';
  if (!isLoopback(address)) throw new Error(`the replay server listens on loopback only (it has no authentication); ${address} is not a loopback address`);
  const store = new ObjectStore(options.snapshot, options.reader);
  const faults = new FaultPlan(options.faults);
  const traffic = new TrafficRecorder(options.waveWindowMs);
  const user = options.user ?? 'k8s-why';

  const server = createServer((request, response) => {
    const handled = (request.url ?? '').startsWith(DEBUG_PREFIX)
      ? answerDebugRequest(request, response, traffic, faults)
      : serveApi(request, response);
    handled.catch((error: unknown) => {
      if (!response.headersSent) writeResponse(response, failureFor(500, undefined, user), false);
      else response.destroy(error as Error);
    });
  });

  async function serveApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://replay.invalid');
    const method = request.method ?? 'GET';
    const record = traffic.begin(method, url.pathname, url.search);
    response.on('close', () => traffic.end(record, response.writableFinished ? response.statusCode : 'aborted'));
    const fault = faults.take(url.pathname, url.search);
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs({ method, path: url.pathname }) : (options.latencyMs ?? 0);
    await waitUnlessClosed(latency, response);
    await waitUnlessClosed(fault?.stallMs ?? 0, response);
    if (response.destroyed) return;
    if (fault?.reset) {
      traffic.end(record, 'reset');
      request.socket.resetAndDestroy();
      return;
    }
    const route = parseRoute(url.pathname);
    const answer = fault?.status
      ? failureFor(fault.status, route.type === 'resource' ? route : undefined, user)
      : await answerApiRequest(store, { method, url, accept: request.headers.accept, host: request.headers.host ?? '' });
    writeResponse(response, answer, method === 'HEAD', fault?.slowBodyMs);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    faults,
    traffic: () => traffic.report(),
    resetTraffic: () => traffic.reset(),
    close: () => closeServer(server),
  };
}

function waitUnlessClosed(ms: number, response: ServerResponse): Promise<void> {
  if (ms <= 0 || response.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    // setTimeout cannot wait longer than ~24.8 days; "forever" waits for the close alone.
    const timer = Number.isFinite(ms) ? setTimeout(done, Math.min(ms, 2 ** 31 - 1)) : undefined;
    response.once('close', done);
    function done() {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    }
  });
}

function writeResponse(response: ServerResponse, answer: ApiResponse, headOnly: boolean, slowBodyMs?: number): void {
  const isText = typeof answer.body === 'string';
  const body = Buffer.from(isText ? (answer.body as string) : JSON.stringify(answer.body), 'utf8');
  response.writeHead(answer.status, {
    'Content-Type': answer.contentType ?? 'application/json',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-cache, private',
    ...answer.headers,
  });
  if (headOnly || body.length === 0) return void response.end();
  if (!slowBodyMs) return void response.end(body);
  response.flushHeaders();
  trickle(response, body, slowBodyMs);
}

/** The body in 20 pieces spread over `totalMs`: a client reading it must wait for the whole. */
function trickle(response: ServerResponse, body: Buffer, totalMs: number): void {
  const pieces = 20;
  const size = Math.ceil(body.length / pieces);
  let sent = 0;
  const timer = setInterval(() => {
    if (response.destroyed) return void clearInterval(timer);
    const piece = body.subarray(sent, sent + size);
    sent += piece.length;
    if (sent >= body.length) {
      clearInterval(timer);
      response.end(piece);
    } else response.write(piece);
  }, Math.max(1, Math.min(totalMs, 2 ** 31 - 1) / pieces));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
