import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, FaultPlan } from './faults.ts';
import type { TrafficRecorder } from './traffic.ts';

/** Where the server's own controls live, outside the Kubernetes API paths; never counted or faulted. */
export const DEBUG_PREFIX = '/_k8s-why/';

/**
 * GET  /_k8s-why/traffic  the request and wave counts with every request served
 * DELETE /_k8s-why/traffic  the same, then counting starts afresh
 * GET  /_k8s-why/faults   the faults in force
 * PUT  /_k8s-why/faults   replaces them with a JSON array of faults (path globs as strings)
 */
export async function answerDebugRequest(request: IncomingMessage, response: ServerResponse, traffic: TrafficRecorder, faults: FaultPlan): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body, (_key, value: unknown) => (value instanceof RegExp ? String(value) : value === Infinity ? 'forever' : value)));
  };
  if (path === `${DEBUG_PREFIX}traffic` && (request.method === 'GET' || request.method === 'DELETE')) {
    const report = traffic.report();
    if (request.method === 'DELETE') traffic.reset();
    return send(200, report);
  }
  if (path === `${DEBUG_PREFIX}faults` && request.method === 'GET') return send(200, faults.list());
  if (path === `${DEBUG_PREFIX}faults` && request.method === 'PUT') {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    const parsed = parseFaults(body);
    if (typeof parsed === 'string') return send(400, { error: parsed });
    faults.set(parsed);
    return send(200, faults.list());
  }
  send(404, { error: `unknown debug endpoint ${request.method} ${path}: try GET ${DEBUG_PREFIX}traffic or ${DEBUG_PREFIX}faults` });
}

function parseFaults(body: string): Fault[] | string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return `body is not JSON: ${(error as Error).message}`;
  }
  if (!Array.isArray(json)) return 'expected a JSON array of faults: [{"path": "**/log", "status": 403}]';
  for (const fault of json) {
    if (!fault || typeof fault !== 'object' || typeof (fault as Fault).path !== 'string') return 'every fault needs a "path" glob';
    for (const key of ['stallMs', 'slowBodyMs'] as const) if ((fault as Record<string, unknown>)[key] === 'forever') (fault as Fault)[key] = Infinity;
  }
  return json as Fault[];
}
