import { parseArgs } from 'node:util';
import { loadEnvironment } from '../../app/environment.ts';
import { startDevServer, type DevCluster } from './dev-server.ts';

// npm run dev [-- --demo | --kubeconfig FILE | --context NAME]
// The Slack app on this machine: see docs/slack.md, "Local development".

const USAGE = `usage: npm run dev -- [--demo | --kubeconfig FILE | --context NAME]

  --demo              answer from the demo cluster (a replay of demo/shop.json)
  --kubeconfig FILE   read the cluster of this kubeconfig
  --context NAME      read this kubeconfig context
  (none)              the clusters of K8S_WHY_CONFIG, else KUBECONFIG / ~/.kube/config

environment: SLACK_BOT_TOKEN, and SLACK_SIGNING_SECRET (HTTP on PORT, default 3000) or
SLACK_APP_TOKEN (Socket Mode); optional K8S_WHY_CONFIG, SLACK_API_URL.`;

async function main(): Promise<number> {
  let values: { demo?: boolean; kubeconfig?: string; context?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { demo: { type: 'boolean' }, kubeconfig: { type: 'string' }, context: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    process.stderr.write(`k8s-why dev: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.demo && (values.kubeconfig || values.context)) {
    process.stderr.write(`k8s-why dev: use --demo or a kubeconfig, not both\n${USAGE}\n`);
    return 2;
  }
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`k8s-why dev: PORT is not a port number: "${process.env.PORT}"\n`);
    return 2;
  }

  const loaded = await loadEnvironment('dev', process.env);
  if (!loaded.ok) {
    process.stderr.write(`k8s-why dev: ${loaded.error}\n`);
    return 2;
  }
  const cluster: DevCluster = values.demo ? { demo: true } : { ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}), ...(values.context ? { context: values.context } : {}) };
  const server = await startDevServer({ environment: loaded.environment, cluster, port, env: process.env });

  const source = values.demo ? 'the demo cluster' : values.kubeconfig || values.context ? `kubeconfig ${values.context ?? values.kubeconfig}` : `config ${loaded.environment.configOrigin}`;
  process.stderr.write(
    server.mode === 'socket'
      ? `k8s-why dev: connected to Slack over Socket Mode; answering from ${source}. Ctrl-C stops.\n`
      : `k8s-why dev: listening on ${server.url} and answering from ${source}.\n  Point the app's request URLs at a tunnel to it (for example: ngrok http ${new URL(server.url!).port}), or set SLACK_APP_TOKEN for Socket Mode. Ctrl-C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

process.exit(await main());
