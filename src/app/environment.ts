import { readFile } from 'node:fs/promises';
import { parseAppConfig, type AppConfig } from '../slack/app-config.ts';

// Everything the Slack app takes from its environment, read in one place at start-up, so a
// wrong deployment fails before the first command with one line naming the key and why,
// instead of a 401 or a silent channel later.
//
// Each secret comes either from its variable (dev, tests) or from an SSM parameter named by
// <KEY>_SSM_PARAMETER (Lambda: a SecureString, decrypted on read, never in the template):
//
//   SLACK_SIGNING_SECRET  verifies Slack's request signatures (ingress; dev over HTTP)
//   SLACK_BOT_TOKEN       xoxb-...: posts the answers
//   SLACK_APP_TOKEN       xapp-...: Socket Mode in dev
//   K8S_WHY_CONFIG        path of the configuration file, or K8S_WHY_CONFIG_SSM_PARAMETER
//   SLACK_API_URL         another Slack Web API base URL (tests point it at a local server)
//   WORKER_FUNCTION_NAME  the Lambda function the ingress hands commands to
//
// The AWS SDK reads its own variables (AWS_REGION, AWS_ENDPOINT_URL_LAMBDA, AWS_ENDPOINT_URL_SSM);
// this module does not load it: the Lambda adapter passes its SSM reader in.

export type Runtime = 'ingress' | 'worker' | 'dev';

export type Env = Record<string, string | undefined>;

export interface SlackEnvironment {
  /** Absent only where nothing is verified: the worker, and dev in Socket Mode. */
  signingSecret?: string;
  botToken: string;
  /** Set: dev connects over Socket Mode instead of listening for HTTP. */
  appToken?: string;
  slackApiUrl?: string;
  config: AppConfig;
  /** Where the configuration came from (a path, ssm:NAME, or "defaults"), for logs. */
  configOrigin: string;
  /** The ingress only. */
  workerFunctionName?: string;
}

export type EnvironmentResult = { ok: true; environment: SlackEnvironment } | { ok: false; error: string };

/** Decrypted values by the name they were asked by; names SSM does not know come back in `missing`. */
export type ParameterStore = (names: readonly string[]) => Promise<{ values: Record<string, string>; missing: string[] }>;

export interface EnvironmentSources {
  /** Where <KEY>_SSM_PARAMETER values are read: SSM in Lambda (src/adapters/aws-lambda/ssm-parameters.ts). */
  parameters?: ParameterStore;
  readFile?: (path: string) => Promise<string>;
}

type Need = 'required' | 'optional' | 'unused';

/** The bot token is needed everywhere; the rest depends on the runtime. */
const NEEDS: Record<Runtime, { signingSecret: Need; appToken: Need; config: Need; worker: Need }> = {
  ingress: { signingSecret: 'required', appToken: 'unused', config: 'required', worker: 'required' },
  worker: { signingSecret: 'unused', appToken: 'unused', config: 'required', worker: 'unused' },
  // Socket Mode needs no signing secret (Slack never calls us); dev without a file uses defaults.
  dev: { signingSecret: 'required', appToken: 'optional', config: 'optional', worker: 'unused' },
};

/** A value from the variable itself, or the SSM parameter that holds it. */
type Source = { key: string; from: 'env'; value: string } | { key: string; from: 'ssm'; parameter: string; via: string };

const PARAMETER_NAME = /^(arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter)?\/?[A-Za-z0-9_.\-/]{1,2048}$/;

/**
 * Reads and checks the environment for one runtime. Problems are collected and returned as one
 * line ("SLACK_BOT_TOKEN is not set ...; WORKER_FUNCTION_NAME is not set ..."), and nothing
 * is fetched from SSM until every variable is well formed.
 */
export async function loadEnvironment(runtime: Runtime, env: Env, sources: EnvironmentSources = {}): Promise<EnvironmentResult> {
  const needs = { ...NEEDS[runtime] };
  const problems: string[] = [];
  /** Keys already reported (set twice, malformed): not reported again as missing. */
  const reported = new Set<string>();
  const sourceOf = (key: string) => readSource(key, env, problems, reported);
  const missing = (key: string, source: Source | undefined) => !source && !reported.has(key);
  const appToken = needs.appToken === 'unused' ? undefined : sourceOf('SLACK_APP_TOKEN');
  if (runtime === 'dev' && appToken) needs.signingSecret = 'optional';

  const wanted = {
    signingSecret: needs.signingSecret === 'unused' ? undefined : sourceOf('SLACK_SIGNING_SECRET'),
    botToken: sourceOf('SLACK_BOT_TOKEN'),
    appToken,
  };
  if (needs.signingSecret === 'required' && missing('SLACK_SIGNING_SECRET', wanted.signingSecret)) {
    problems.push(`SLACK_SIGNING_SECRET is not set: set it (Basic Information → App Credentials → Signing Secret), or SLACK_SIGNING_SECRET_SSM_PARAMETER to the SSM parameter holding it${runtime === 'dev' ? ', or SLACK_APP_TOKEN for Socket Mode' : ''}`);
  }
  if (missing('SLACK_BOT_TOKEN', wanted.botToken)) problems.push('SLACK_BOT_TOKEN is not set: set it (OAuth & Permissions → Bot User OAuth Token, xoxb-...), or SLACK_BOT_TOKEN_SSM_PARAMETER to the SSM parameter holding it');

  // K8S_WHY_CONFIG holds a path; its _SSM_PARAMETER twin holds the configuration itself.
  const configSource = sourceOf('K8S_WHY_CONFIG');
  if (needs.config === 'required' && missing('K8S_WHY_CONFIG', configSource)) problems.push('K8S_WHY_CONFIG is not set: set it to the configuration file, or K8S_WHY_CONFIG_SSM_PARAMETER to the SSM parameter holding it');

  const slackApiUrl = env.SLACK_API_URL?.trim() || undefined;
  if (slackApiUrl && !/^https?:$/.test(safeUrl(slackApiUrl)?.protocol ?? '')) problems.push(`SLACK_API_URL is not an http(s) URL: "${slackApiUrl}"`);

  const workerFunctionName = env.WORKER_FUNCTION_NAME?.trim() || undefined;
  if (needs.worker === 'required' && !workerFunctionName) problems.push('WORKER_FUNCTION_NAME is not set: the ingress hands every command to that Lambda function');
  if (workerFunctionName && /\s/.test(workerFunctionName)) problems.push(`WORKER_FUNCTION_NAME is not a Lambda function name or ARN: "${workerFunctionName}"`);
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };

  const fromSsm = [wanted.signingSecret, wanted.botToken, wanted.appToken, configSource].filter((source): source is Extract<Source, { from: 'ssm' }> => source?.from === 'ssm');
  let parameterValues: Record<string, string> = {};
  if (fromSsm.length > 0) {
    if (!sources.parameters) return { ok: false, error: `${fromSsm.map((source) => source.via).join(', ')}: SSM parameters are read in Lambda only; here, set ${fromSsm.map((source) => source.key).join(', ')} itself` };
    const read = await readParameters(fromSsm, sources.parameters);
    if (!read.ok) return read;
    parameterValues = read.values;
  }
  const valueOf = (source: Source | undefined) => (!source ? undefined : source.from === 'env' ? source.value : parameterValues[source.parameter]!.trim());

  const signingSecret = valueOf(wanted.signingSecret);
  const botToken = valueOf(wanted.botToken)!;
  const appTokenValue = valueOf(wanted.appToken);
  problems.push(...checkSigningSecret(signingSecret, wanted.signingSecret), ...checkBotToken(botToken, wanted.botToken!), ...checkAppToken(appTokenValue, wanted.appToken));
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };

  const config = await loadConfig(configSource, parameterValues, sources.readFile ?? ((path) => readFile(path, 'utf8')));
  if (!config.ok) return config;

  return {
    ok: true,
    environment: {
      ...(signingSecret ? { signingSecret } : {}),
      botToken,
      ...(appTokenValue ? { appToken: appTokenValue } : {}),
      ...(slackApiUrl ? { slackApiUrl } : {}),
      config: config.config,
      configOrigin: config.origin,
      ...(workerFunctionName ? { workerFunctionName } : {}),
    },
  };
}

function readSource(key: string, env: Env, problems: string[], reported: Set<string>): Source | undefined {
  const value = env[key]?.trim() || undefined;
  const via = `${key}_SSM_PARAMETER`;
  const parameter = env[via]?.trim() || undefined;
  if (value && parameter) {
    problems.push(`${key} and ${via} are both set: keep one`);
    reported.add(key);
    return undefined;
  }
  if (parameter) {
    if (!PARAMETER_NAME.test(parameter)) {
      problems.push(`${via} is not an SSM parameter name or ARN: "${parameter}"`);
      reported.add(key);
      return undefined;
    }
    return { key, from: 'ssm', parameter, via };
  }
  return value ? { key, from: 'env', value } : undefined;
}

async function readParameters(wanted: Extract<Source, { from: 'ssm' }>[], store: ParameterStore): Promise<{ ok: true; values: Record<string, string> } | { ok: false; error: string }> {
  const names = [...new Set(wanted.map((source) => source.parameter))];
  const asked = wanted.map((source) => `${source.via}=${source.parameter}`).join(', ');
  let read: Awaited<ReturnType<ParameterStore>>;
  try {
    read = await store(names);
  } catch (error) {
    return { ok: false, error: `cannot read SSM parameters (${asked}): ${describeError(error)}` };
  }
  const problems = wanted.flatMap((source) => {
    if (read.missing.includes(source.parameter) || read.values[source.parameter] === undefined) return [`${source.via}: SSM parameter ${source.parameter} does not exist (or is in another region or account)`];
    if (!read.values[source.parameter]!.trim()) return [`${source.via}: SSM parameter ${source.parameter} is empty`];
    return [];
  });
  return problems.length > 0 ? { ok: false, error: problems.join('; ') } : { ok: true, values: read.values };
}

function checkSigningSecret(value: string | undefined, source: Source | undefined): string[] {
  if (!value || !source) return [];
  if (/^xox[a-z]-|^xapp-/.test(value)) return [`${nameOf(source)} holds a token, not the signing secret: use Basic Information → App Credentials → Signing Secret`];
  if (/\s/.test(value)) return [`${nameOf(source)} contains whitespace: paste the signing secret alone`];
  return [];
}

function checkBotToken(value: string, source: Source): string[] {
  if (value.startsWith('xoxb-')) return [];
  const name = nameOf(source);
  if (value.startsWith('xoxp-')) return [`${name} is a user token (xoxp-): the app posts as its bot, so use the Bot User OAuth Token (xoxb-)`];
  if (value.startsWith('xapp-')) return [`${name} is an app-level token (xapp-): that one is SLACK_APP_TOKEN; the bot token starts with xoxb-`];
  return [`${name} does not look like a bot token: it should start with xoxb- (OAuth & Permissions → Bot User OAuth Token)`];
}

function checkAppToken(value: string | undefined, source: Source | undefined): string[] {
  if (!value || !source || value.startsWith('xapp-')) return [];
  return [`${nameOf(source)} does not look like an app-level token: it should start with xapp- (Basic Information → App-Level Tokens, scope connections:write)`];
}

/** Never the value: the variable, or the parameter and the variable naming it. */
function nameOf(source: Source): string {
  return source.from === 'env' ? source.key : `${source.key} (from SSM parameter ${source.parameter})`;
}

type LoadedConfig = { ok: true; config: AppConfig; origin: string } | { ok: false; error: string };

async function loadConfig(source: Source | undefined, parameters: Record<string, string>, read: (path: string) => Promise<string>): Promise<LoadedConfig> {
  if (!source) {
    // Dev against the demo or a kubeconfig: no channel bindings, answers only the asker sees.
    const defaults = parseAppConfig('channels: {}\n', 'defaults');
    return defaults.ok ? { ok: true, config: defaults.config, origin: 'defaults' } : defaults;
  }
  let text: string;
  let origin: string;
  if (source.from === 'ssm') {
    text = parameters[source.parameter]!;
    origin = `ssm:${source.parameter}`;
  } else {
    origin = source.value;
    try {
      text = await read(source.value);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, error: `K8S_WHY_CONFIG: cannot read ${source.value}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : String(error)}` };
    }
  }
  const parsed = parseAppConfig(text, origin);
  if (!parsed.ok) return { ok: false, error: `${source.from === 'ssm' ? source.via : source.key}: ${parsed.error}` };
  return { ok: true, config: parsed.config, origin };
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** An SDK error's name and first line: "AccessDeniedException: User ... is not authorized to perform: ssm:GetParameters". */
export function describeError(error: unknown): string {
  const name = (error as { name?: string }).name;
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split('\n')[0] ?? '';
  return name && name !== 'Error' && !line.startsWith(name) ? `${name}: ${line}` : line;
}
