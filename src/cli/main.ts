#!/usr/bin/env node
import { basename } from 'node:path';
import { KUBECTL_PLUGIN, runCli } from './run-cli.ts';

// Installed as both k8s-why and kubectl-why; kubectl runs plugins by that name as `kubectl why`.
const invocation = basename(process.argv[1] ?? '').startsWith('kubectl-') ? KUBECTL_PLUGIN : 'k8s-why';

try {
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }, invocation);
} catch (error) {
  // A bug of ours still ends in one line, not a stack trace; K8S_WHY_DEBUG=1 shows the trace.
  process.stderr.write(`error: k8s-why failed unexpectedly: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.K8S_WHY_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
  process.exitCode = 3;
}
