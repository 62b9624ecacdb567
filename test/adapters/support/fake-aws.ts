import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Lambda Invoke the ingress made, as it reached the wire. */
export interface RecordedInvoke {
  functionName: string;
  invocationType: string | undefined;
  payload: unknown;
  /** The SigV4 Authorization header was there: the SDK signed the request. */
  signed: boolean;
}

export interface ScriptedAwsError {
  status: number;
  type: string;
  message: string;
}

/**
 * The two AWS APIs the Slack app calls, on loopback, answering as AWS does: Lambda Invoke
 * (REST-JSON, 202 for an Event invocation) and SSM GetParameters (JSON 1.1). The real SDK
 * clients reach it through AWS_ENDPOINT_URL_LAMBDA and AWS_ENDPOINT_URL_SSM.
 */
export class FakeAws {
  readonly invokes: RecordedInvoke[] = [];
  /** Every GetParameters request body: Names and WithDecryption. */
  readonly parameterReads: { Names: string[]; WithDecryption?: boolean }[] = [];
  /** SSM's store: name → value. */
  parameters = new Map<string, string>();
  private invokeErrors: ScriptedAwsError[] = [];
  private ssmErrors: ScriptedAwsError[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(({ status, headers, body }) => {
        response.writeHead(status, headers);
        response.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  /** The environment that points the SDK here, with credentials it can sign with. */
  env(): Record<string, string> {
    return {
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
      AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key',
      AWS_ENDPOINT_URL_LAMBDA: this.url,
      AWS_ENDPOINT_URL_SSM: this.url,
    };
  }

  failNextInvoke(error: ScriptedAwsError): void {
    this.invokeErrors.push(error);
  }

  failNextParameterRead(error: ScriptedAwsError): void {
    this.ssmErrors.push(error);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', this.url).pathname;
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(path);
    if (invoke) {
      const error = this.invokeErrors.shift();
      if (error) return restJsonError(error);
      this.invokes.push({
        functionName: decodeURIComponent(invoke[1]!),
        invocationType: header(request, 'x-amz-invocation-type'),
        payload: JSON.parse(body),
        signed: /^AWS4-HMAC-SHA256 /.test(header(request, 'authorization') ?? ''),
      });
      return { status: 202, headers: { 'x-amzn-requestid': `req-${this.invokes.length}` }, body: '' };
    }
    if (header(request, 'x-amz-target') === 'AmazonSSM.GetParameters') {
      const asked = JSON.parse(body) as { Names: string[]; WithDecryption?: boolean };
      this.parameterReads.push(asked);
      const error = this.ssmErrors.shift();
      if (error) return { status: error.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify({ __type: error.type, message: error.message }) };
      const found = asked.Names.filter((name) => this.parameters.has(name));
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({
          Parameters: found.map((name) => ({ Name: name, Type: 'SecureString', Value: this.parameters.get(name), Version: 1, ARN: `arn:aws:ssm:eu-west-1:111122223333:parameter${name}` })),
          InvalidParameters: asked.Names.filter((name) => !this.parameters.has(name)),
        }),
      };
    }
    return { status: 404, headers: {}, body: `no fake for ${request.method} ${path}` };
  }
}

function restJsonError(error: ScriptedAwsError): { status: number; headers: Record<string, string>; body: string } {
  return { status: error.status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.type }, body: JSON.stringify({ Type: 'User', Message: error.message }) };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
