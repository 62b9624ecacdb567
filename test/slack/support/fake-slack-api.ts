import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';

/** One request the app made: a Web API method, a file upload, or a post to a response_url. */
export interface SlackCall {
  kind: 'api' | 'upload' | 'response_url';
  /** chat.postMessage, files.getUploadURLExternal ... or the response_url / upload id. */
  name: string;
  /** Form fields with JSON values (blocks, files) parsed, or the JSON body. */
  args: Record<string, unknown>;
  authorization?: string;
  /** Uploads: the raw file content. */
  content?: string;
}

export interface ScriptedReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The Slack Web API and response_url endpoints on loopback, as the real ones answer: 200 with
 * { ok: false, error } for platform errors, 429 with Retry-After, 404 for an expired
 * response_url. Replies can be scripted per method (or response_url id), consumed in order.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  private readonly scripts = new Map<string, ScriptedReply[]>();
  private server: Server | undefined;
  private ts = 1712200000;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(({ status, body, headers }) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        response.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers });
        response.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/response/${id}`;
  }

  /** The next call of this method (or to this response_url id) gets this reply. */
  script(name: string, ...replies: ScriptedReply[]): void {
    this.scripts.set(name, [...(this.scripts.get(name) ?? []), ...replies]);
  }

  callsTo(name: string): SlackCall[] {
    return this.calls.filter((call) => call.name === name);
  }

  /** Calls that would show something to a person. */
  posts(): SlackCall[] {
    return this.calls.filter((call) => call.kind === 'response_url' || ['chat.postMessage', 'chat.postEphemeral'].includes(call.name));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(request: IncomingMessage): Promise<Required<ScriptedReply>> {
    const raw = await readBody(request);
    const path = new URL(request.url ?? '/', this.url).pathname;
    const [, kind, name = ''] = path.split('/');
    if (kind === 'upload') {
      this.calls.push({ kind: 'upload', name, args: {}, content: raw.toString('utf8') });
      return { status: 200, body: `OK - ${raw.length}`, headers: {} };
    }
    const args = parseArgs(raw.toString('utf8'), request.headers['content-type'] ?? '');
    const authorization = request.headers.authorization;
    this.calls.push({ kind: kind === 'response' ? 'response_url' : 'api', name, args, ...(authorization ? { authorization } : {}) });
    const scripted = this.scripts.get(name)?.shift();
    if (scripted) return { status: scripted.status ?? 200, body: scripted.body ?? { ok: true }, headers: scripted.headers ?? {} };
    return { status: 200, body: kind === 'response' ? 'ok' : this.success(name, args), headers: {} };
  }

  private success(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: `${this.ts++}.000100`, message: { text: args.text } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.ts++}.000200` };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F0LOG${this.calls.length}`, file_id: `F0LOG${this.calls.length}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: (args.files as { id: string }[]).map((file) => ({ id: file.id })) };
      default:
        return { ok: true };
    }
  }
}

function parseArgs(text: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('json')) return JSON.parse(text || '{}') as Record<string, unknown>;
  const form = parseQuery(text);
  return Object.fromEntries(
    Object.entries(form).map(([key, value]) => {
      const single = Array.isArray(value) ? value[0] : value;
      if (typeof single === 'string' && /^[[{]/.test(single)) {
        try {
          return [key, JSON.parse(single)];
        } catch {
          return [key, single];
        }
      }
      return [key, single];
    }),
  );
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
