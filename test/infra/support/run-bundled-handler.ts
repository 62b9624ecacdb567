// Runs one handler from an unpacked Lambda artifact the way the nodejs24.x runtime does: a
// plain Node process that imports the bundle and calls handler(event, context). The result,
// or the error, is written to the file named last, as JSON; the handler's own log lines go
// to stdout as in CloudWatch.
//   node run-bundled-handler.ts BUNDLE.mjs EVENT.json RESULT.json
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile, resultFile] = process.argv.slice(2) as [string, string, string];
const event: unknown = JSON.parse(readFileSync(eventFile, 'utf8'));
const deadline = Date.now() + 60_000;
const context = {
  functionName: 'k8s-why-bundle-test',
  awsRequestId: 'bundle-test',
  getRemainingTimeInMillis: () => deadline - Date.now(),
};

const started = performance.now();
const module = (await import(pathToFileURL(bundle).href)) as { handler: (event: unknown, context: unknown) => Promise<unknown> };
const loadedMs = performance.now() - started;
try {
  const result = await module.handler(event, context);
  writeFileSync(resultFile, JSON.stringify({ ok: true, result, arity: module.handler.length, loadedMs, handledMs: performance.now() - started - loadedMs }));
} catch (error) {
  writeFileSync(resultFile, JSON.stringify({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
}
// Lambda freezes the process here; kept-alive sockets must not keep this one running.
process.exit(0);
