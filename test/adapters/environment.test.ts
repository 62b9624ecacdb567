import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ssmParameterStore } from '../../src/adapters/aws-lambda/ssm-parameters.ts';
import { loadEnvironment, type Env } from '../../src/app/environment.ts';
import { FakeAws } from './support/fake-aws.ts';

// The environment is where a deployment goes wrong: every mistake must stop the start with
// one line naming the key and why, and never print a secret's value.

const dir = mkdtempSync(join(tmpdir(), 'k8s-why-env-'));
const configFile = join(dir, 'k8s-why.yaml');
writeFileSync(configFile, 'channels:\n  C0SHOP0001: { namespace: shop, visibility: in_channel }\n');

const BOT = 'xoxb-1111-2222-abcdefghijklmnopqrstuvwx';
const SECRET = '8f14e45fceea167a5a36dedd4bea2543';
const ingressEnv: Env = { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT, K8S_WHY_CONFIG: configFile, WORKER_FUNCTION_NAME: 'k8s-why-prod-worker' };

describe('loadEnvironment from plain variables', () => {
  it('reads what the ingress needs, the configuration from its file', async () => {
    const loaded = await loadEnvironment('ingress', { ...ingressEnv, SLACK_API_URL: 'http://127.0.0.1:9999/api/' });
    expect(loaded).toEqual({
      ok: true,
      environment: {
        signingSecret: SECRET,
        botToken: BOT,
        slackApiUrl: 'http://127.0.0.1:9999/api/',
        config: expect.objectContaining({ channels: { C0SHOP0001: { namespace: 'shop', visibility: 'in_channel' } }, visibility: 'ephemeral' }),
        configOrigin: configFile,
        workerFunctionName: 'k8s-why-prod-worker',
      },
    });
  });

  it('lists every missing key of the ingress in one line', async () => {
    const loaded = await loadEnvironment('ingress', {});
    expect(loaded.ok).toBe(false);
    const error = (loaded as { error: string }).error;
    expect(error).not.toContain('\n');
    for (const key of ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'K8S_WHY_CONFIG', 'WORKER_FUNCTION_NAME']) expect(error).toContain(`${key} is not set`);
  });

  it('asks the worker for neither the signing secret nor a worker to call', async () => {
    const loaded = await loadEnvironment('worker', { SLACK_BOT_TOKEN: BOT, K8S_WHY_CONFIG: configFile });
    expect(loaded.ok).toBe(true);
    expect(loaded.ok && loaded.environment.signingSecret).toBeUndefined();
  });

  it('lets dev run in Socket Mode without a signing secret, and without a configuration file', async () => {
    const loaded = await loadEnvironment('dev', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xapp-1-A0K8S-1234-abcdef' });
    expect(loaded).toMatchObject({ ok: true, environment: { appToken: 'xapp-1-A0K8S-1234-abcdef', configOrigin: 'defaults', config: { channels: {}, visibility: 'ephemeral' } } });
    const overHttp = await loadEnvironment('dev', { SLACK_BOT_TOKEN: BOT });
    expect(overHttp).toMatchObject({ ok: false, error: expect.stringContaining('SLACK_SIGNING_SECRET is not set') });
    expect((overHttp as { error: string }).error).toContain('or SLACK_APP_TOKEN for Socket Mode');
  });

  it.each([
    ['a user token', 'xoxp-1111-2222-3333-abcdef', 'SLACK_BOT_TOKEN is a user token (xoxp-)'],
    ['the app-level token', 'xapp-1-A0K8S-1234-abcdef', 'SLACK_BOT_TOKEN is an app-level token (xapp-)'],
    ['something else', 'hunter2-not-a-token', 'SLACK_BOT_TOKEN does not look like a bot token: it should start with xoxb-'],
  ])('refuses %s as the bot token, without echoing it', async (_, token, message) => {
    const loaded = await loadEnvironment('ingress', { ...ingressEnv, SLACK_BOT_TOKEN: token });
    expect(loaded).toEqual({ ok: false, error: expect.stringContaining(message) });
    expect((loaded as { error: string }).error).not.toContain(token);
  });

  it('refuses a token pasted as the signing secret, and an app token that is not one', async () => {
    const swapped = await loadEnvironment('ingress', { ...ingressEnv, SLACK_SIGNING_SECRET: BOT });
    expect(swapped).toEqual({ ok: false, error: expect.stringContaining('SLACK_SIGNING_SECRET holds a token, not the signing secret') });
    expect((swapped as { error: string }).error).not.toContain(BOT);
    const app = await loadEnvironment('dev', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: BOT });
    expect(app).toEqual({ ok: false, error: expect.stringContaining('SLACK_APP_TOKEN does not look like an app-level token') });
  });

  it('says to set the value itself where there is no SSM to read it from (dev)', async () => {
    const loaded = await loadEnvironment('dev', { SLACK_BOT_TOKEN_SSM_PARAMETER: '/k8s-why/prod/slack-bot-token', SLACK_APP_TOKEN: 'xapp-1-A0K8S-1234-abcdef' });
    expect(loaded).toEqual({ ok: false, error: 'SLACK_BOT_TOKEN_SSM_PARAMETER: SSM parameters are read in Lambda only; here, set SLACK_BOT_TOKEN itself' });
  });

  it('refuses a value given twice, a bad URL and a bad parameter name', async () => {
    const twice = await loadEnvironment('ingress', { ...ingressEnv, SLACK_BOT_TOKEN_SSM_PARAMETER: '/k8s-why/prod/slack-bot-token' });
    expect(twice).toEqual({ ok: false, error: 'SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_SSM_PARAMETER are both set: keep one' });
    const url = await loadEnvironment('ingress', { ...ingressEnv, SLACK_API_URL: 'slack.com/api' });
    expect(url).toEqual({ ok: false, error: 'SLACK_API_URL is not an http(s) URL: "slack.com/api"' });
    const name = await loadEnvironment('worker', { SLACK_BOT_TOKEN: BOT, K8S_WHY_CONFIG_SSM_PARAMETER: 'k8s why config' });
    expect(name).toEqual({ ok: false, error: 'K8S_WHY_CONFIG_SSM_PARAMETER is not an SSM parameter name or ARN: "k8s why config"' });
  });

  it('names the configuration file that is missing, and the key that is wrong in one that is not', async () => {
    const missing = await loadEnvironment('worker', { SLACK_BOT_TOKEN: BOT, K8S_WHY_CONFIG: join(dir, 'nope.yaml') });
    expect(missing).toEqual({ ok: false, error: `K8S_WHY_CONFIG: cannot read ${join(dir, 'nope.yaml')}: no such file` });
    const wrong = join(dir, 'wrong.yaml');
    writeFileSync(wrong, 'channels:\n  C0SHOP0001: { cluster: prod }\n');
    const invalid = await loadEnvironment('worker', { SLACK_BOT_TOKEN: BOT, K8S_WHY_CONFIG: wrong });
    expect(invalid).toEqual({ ok: false, error: `K8S_WHY_CONFIG: config ${wrong} is invalid: channels.C0SHOP0001.cluster: "prod" is not configured: add it under clusters` });
  });
});

describe('loadEnvironment from SSM, through the SDK against a local SSM endpoint', () => {
  const aws = new FakeAws();
  const saved = { ...process.env };
  const ssmEnv: Env = {
    SLACK_SIGNING_SECRET_SSM_PARAMETER: '/k8s-why/prod/slack-signing-secret',
    SLACK_BOT_TOKEN_SSM_PARAMETER: '/k8s-why/prod/slack-bot-token',
    K8S_WHY_CONFIG_SSM_PARAMETER: '/k8s-why/prod/config',
    WORKER_FUNCTION_NAME: 'k8s-why-prod-worker',
  };

  beforeAll(async () => {
    await aws.start();
    // The SDK reads its region, credentials and endpoint from the process environment.
    Object.assign(process.env, aws.env());
  });
  afterAll(async () => {
    process.env = saved;
    await aws.close();
  });
  afterEach(() => {
    aws.parameters.clear();
    aws.parameterReads.length = 0;
  });

  it('reads every secret and the configuration in one decrypted GetParameters call', async () => {
    aws.parameters.set('/k8s-why/prod/slack-signing-secret', `${SECRET}\n`);
    aws.parameters.set('/k8s-why/prod/slack-bot-token', BOT);
    aws.parameters.set('/k8s-why/prod/config', 'visibility: in_channel\nchannels: {}\n');
    const loaded = await loadEnvironment('ingress', ssmEnv, { parameters: ssmParameterStore });
    expect(loaded).toMatchObject({ ok: true, environment: { signingSecret: SECRET, botToken: BOT, configOrigin: 'ssm:/k8s-why/prod/config', config: { visibility: 'in_channel' } } });
    expect(aws.parameterReads).toEqual([{ Names: ['/k8s-why/prod/slack-signing-secret', '/k8s-why/prod/slack-bot-token', '/k8s-why/prod/config'], WithDecryption: true }]);
  });

  it('names the variable whose parameter does not exist', async () => {
    aws.parameters.set('/k8s-why/prod/slack-signing-secret', SECRET);
    aws.parameters.set('/k8s-why/prod/config', 'channels: {}\n');
    const loaded = await loadEnvironment('ingress', ssmEnv, { parameters: ssmParameterStore });
    expect(loaded).toEqual({ ok: false, error: 'SLACK_BOT_TOKEN_SSM_PARAMETER: SSM parameter /k8s-why/prod/slack-bot-token does not exist (or is in another region or account)' });
  });

  it('says what AWS refused, naming the variables it was reading for', async () => {
    aws.failNextParameterRead({ status: 400, type: 'AccessDeniedException', message: 'User: arn:aws:sts::111122223333:assumed-role/k8s-why-prod-eu-west-1-worker/k8s-why-prod-worker is not authorized to perform: ssm:GetParameters' });
    const loaded = await loadEnvironment('worker', { SLACK_BOT_TOKEN_SSM_PARAMETER: '/k8s-why/prod/slack-bot-token', K8S_WHY_CONFIG: configFile }, { parameters: ssmParameterStore });
    expect(loaded).toEqual({ ok: false, error: expect.stringMatching(/^cannot read SSM parameters \(SLACK_BOT_TOKEN_SSM_PARAMETER=\/k8s-why\/prod\/slack-bot-token\): AccessDeniedException: .*not authorized to perform: ssm:GetParameters$/) });
  });

  it('checks a decrypted token like a plain one, naming its parameter and not its value', async () => {
    aws.parameters.set('/k8s-why/prod/slack-bot-token', 'xoxp-9999-user-token');
    const loaded = await loadEnvironment('worker', { SLACK_BOT_TOKEN_SSM_PARAMETER: '/k8s-why/prod/slack-bot-token', K8S_WHY_CONFIG: configFile }, { parameters: ssmParameterStore });
    expect(loaded).toEqual({ ok: false, error: expect.stringContaining('SLACK_BOT_TOKEN (from SSM parameter /k8s-why/prod/slack-bot-token) is a user token (xoxp-)') });
    expect((loaded as { error: string }).error).not.toContain('xoxp-9999');
  });

  it('goes to SSM only once every variable is well formed', async () => {
    const loaded = await loadEnvironment('ingress', { ...ssmEnv, WORKER_FUNCTION_NAME: undefined }, { parameters: ssmParameterStore });
    expect(loaded).toEqual({ ok: false, error: expect.stringContaining('WORKER_FUNCTION_NAME is not set') });
    expect(aws.parameterReads).toEqual([]);
  });
});
