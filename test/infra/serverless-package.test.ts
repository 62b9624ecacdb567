import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBlocks } from '../../src/render/slack/render-blocks.ts';
import { functionUrlEvent } from '../adapters/support/function-url-event.ts';
import { startSlackStack, WORKER_FUNCTION, type SlackStack } from '../e2e/support/slack-stack.ts';
import { slashCommandBody } from '../slack/support/signed-requests.ts';
import { REPO_ROOT } from '../support/scenarios.ts';
import { unzip } from './support/unzip.ts';

// serverless.yml as AWS would receive it: `osls package` run offline (dummy credentials, every
// AWS endpoint pointed at a closed port), then the generated CloudFormation read back and the
// zipped bundles run in a plain Node process. The handlers named there must be the handlers
// the other tests exercise, the runtime nodejs24.x, the IAM exactly what the app uses.

const run = promisify(execFile);
const out = mkdtempSync(join(tmpdir(), 'k8s-why-package-'));
type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };
let resources: Record<string, Resource>;
let outputs: Record<string, { Value: unknown }>;

beforeAll(async () => {
  await run(process.execPath, [join(REPO_ROOT, 'node_modules/osls/bin/serverless.js'), 'package', '--stage', 'prod', '--region', 'eu-west-1', '--package', out], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'offline',
      AWS_SECRET_ACCESS_KEY: 'offline',
      AWS_PROFILE: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
    },
    timeout: 240_000,
  });
  const template = JSON.parse(readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, Resource>; Outputs: typeof outputs };
  resources = template.Resources;
  outputs = template.Outputs;
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const sub = (text: string) => ({ 'Fn::Sub': text });
const parameter = (name: string) => sub(`arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter/k8s-why/prod/${name}`);
const decryptFor = (...names: string[]) => ({
  Effect: 'Allow',
  Action: 'kms:Decrypt',
  Resource: sub('arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*'),
  Condition: { StringEquals: { 'kms:ViaService': sub('ssm.${AWS::Region}.amazonaws.com'), 'kms:EncryptionContext:PARAMETER_ARN': names.map(parameter) } },
});
const statementsOf = (role: string) => resources[role]!.Properties.Policies.flatMap((policy: { PolicyDocument: { Statement: unknown[] } }) => policy.PolicyDocument.Statement);

describe('the packaged stack (osls package, offline)', () => {
  it('has two functions on nodejs24.x whose handlers are the modules the tests run', async () => {
    const functions = Object.fromEntries(ofType('AWS::Lambda::Function').map(([id, resource]) => [id, resource.Properties]));
    expect(Object.keys(functions).sort()).toEqual(['IngressLambdaFunction', 'WorkerLambdaFunction']);
    expect(functions.IngressLambdaFunction).toMatchObject({ Handler: 'src/adapters/aws-lambda/ingress.handler', Runtime: 'nodejs24.x', Timeout: 10 });
    expect(functions.WorkerLambdaFunction).toMatchObject({ Handler: 'src/adapters/aws-lambda/worker.handler', Runtime: 'nodejs24.x', Timeout: 180 });
    for (const { Handler } of Object.values(functions) as { Handler: string }[]) {
      const [file, exported] = [Handler.slice(0, Handler.lastIndexOf('.')), Handler.slice(Handler.lastIndexOf('.') + 1)];
      const module = (await import(join(REPO_ROOT, `${file}.ts`))) as Record<string, unknown>;
      expect(module[exported], Handler).toBeTypeOf('function');
      expect((module[exported] as (...args: unknown[]) => unknown).length, `${Handler} takes (event, context)`).toBe(2);
    }
  });

  it('keeps secrets out of the template: functions get SSM parameter names only', () => {
    const variables = (id: string) => resources[id]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables('IngressLambdaFunction')).toEqual({
      SLACK_SIGNING_SECRET_SSM_PARAMETER: '/k8s-why/prod/slack-signing-secret',
      SLACK_BOT_TOKEN_SSM_PARAMETER: '/k8s-why/prod/slack-bot-token',
      K8S_WHY_CONFIG_SSM_PARAMETER: '/k8s-why/prod/config',
      WORKER_FUNCTION_NAME: { Ref: 'WorkerLambdaFunction' },
    });
    expect(variables('WorkerLambdaFunction')).toEqual({ SLACK_BOT_TOKEN_SSM_PARAMETER: '/k8s-why/prod/slack-bot-token', K8S_WHY_CONFIG_SSM_PARAMETER: '/k8s-why/prod/config' });
  });

  it('exposes only the ingress, through a Function URL (Slack signs what it sends)', () => {
    expect(ofType('AWS::Lambda::Url').map(([, url]) => url.Properties)).toEqual([{ AuthType: 'NONE', TargetFunctionArn: { 'Fn::GetAtt': ['IngressLambdaFunction', 'Arn'] } }]);
    const permissions = ofType('AWS::Lambda::Permission').map(([, permission]) => permission.Properties);
    expect(permissions.map((permission) => permission.FunctionName)).toEqual([{ 'Fn::GetAtt': ['IngressLambdaFunction', 'Arn'] }, { 'Fn::GetAtt': ['IngressLambdaFunction', 'Arn'] }]);
    expect(outputs.IngressLambdaFunctionUrl?.Value).toEqual({ 'Fn::GetAtt': ['IngressLambdaFunctionUrl', 'FunctionUrl'] });
  });

  it('never retries the worker, and sends what fails to the failure queue', () => {
    expect(ofType('AWS::Lambda::EventInvokeConfig').map(([, config]) => config.Properties)).toEqual([
      {
        FunctionName: { Ref: 'WorkerLambdaFunction' },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 900,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['WorkerFailuresQueue', 'Arn'] } } },
      },
    ]);
    expect(resources.WorkerFailuresQueue).toMatchObject({ Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600, SqsManagedSseEnabled: true } });
  });

  it('keeps logs for 30 days', () => {
    expect(ofType('AWS::Logs::LogGroup').map(([id, group]) => [id, group.Properties.RetentionInDays])).toEqual([
      ['IngressLogGroup', 30],
      ['WorkerLogGroup', 30],
    ]);
  });

  it('gives each function its own role with exactly the permissions it uses', () => {
    expect(ofType('AWS::IAM::Role').map(([id]) => id)).toEqual(['IngressRole', 'WorkerRole']);
    for (const role of ['IngressRole', 'WorkerRole']) {
      expect(resources[role]!.Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
      expect(resources[role]!.Properties.ManagedPolicyArns).toBeUndefined();
    }
    expect(statementsOf('IngressRole')).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': ['IngressLogGroup', 'Arn'] } },
      { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [parameter('slack-signing-secret'), parameter('slack-bot-token'), parameter('config')] },
      decryptFor('slack-signing-secret', 'slack-bot-token', 'config'),
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['WorkerLambdaFunction', 'Arn'] } },
    ]);
    expect(statementsOf('WorkerRole')).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': ['WorkerLogGroup', 'Arn'] } },
      { Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [parameter('slack-bot-token'), parameter('config')] },
      decryptFor('slack-bot-token', 'config'),
      { Effect: 'Allow', Action: 'eks:DescribeCluster', Resource: [sub('arn:${AWS::Partition}:eks:${AWS::Region}:${AWS::AccountId}:cluster/prod-eu')] },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['WorkerFailuresQueue', 'Arn'] } },
    ]);
    const everything = JSON.stringify([statementsOf('IngressRole'), statementsOf('WorkerRole')]);
    expect(everything).not.toMatch(/"Resource":"\*"|"Action":"[a-z0-9]+:\*"|"Action":"\*"/);
    expect(outputs.WorkerRoleArn?.Value).toEqual({ 'Fn::GetAtt': ['WorkerRole', 'Arn'] });
  });

  it('zips each function as one bundle and the built-in playbooks, nothing else', () => {
    for (const name of ['ingress', 'worker']) {
      const files = [...unzip(readFileSync(join(out, `${name}.zip`))).keys()];
      expect(files.filter((file) => !/^src\/playbooks\/[a-z-]+\.yaml$/.test(file))).toEqual([`src/adapters/aws-lambda/${name}.mjs`]);
      expect(files).toContain('src/playbooks/crash-loop.yaml');
    }
  });
});

describe('the zipped bundles, run as Lambda runs them', () => {
  let stack: SlackStack;
  let unpacked: string;

  beforeAll(async () => {
    stack = await startSlackStack();
    unpacked = join(out, 'unpacked');
    for (const name of ['ingress', 'worker']) {
      for (const [file, content] of unzip(readFileSync(join(out, `${name}.zip`)))) {
        mkdirSync(dirname(join(unpacked, name, file)), { recursive: true });
        writeFileSync(join(unpacked, name, file), content);
      }
    }
  });
  afterAll(async () => stack?.close());

  async function invokeBundle(name: 'ingress' | 'worker', event: unknown): Promise<{ ok: boolean; result?: any; error?: string; arity?: number }> {
    const eventFile = join(out, `${name}-event.json`);
    const resultFile = join(out, `${name}-result.json`);
    writeFileSync(eventFile, JSON.stringify(event));
    rmSync(resultFile, { force: true });
    await run(process.execPath, [join(REPO_ROOT, 'test/infra/support/run-bundled-handler.ts'), join(unpacked, name, `src/adapters/aws-lambda/${name}.mjs`), eventFile, resultFile], {
      cwd: join(unpacked, name),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...stack.env },
      timeout: 60_000,
    });
    expect(existsSync(resultFile), `${name} wrote no result`).toBe(true);
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  }

  it('answers a slash command end to end from the bundles, playbook next steps included', async () => {
    const pod = 'checkout-7d9f4b6c8-qz5nl';
    const event = functionUrlEvent(slashCommandBody({ text: `why ${pod}`, response_url: stack.slack.responseUrl('r1') }), { base64: true });
    const ingress = await invokeBundle('ingress', event);
    expect(ingress).toMatchObject({ ok: true, arity: 2, result: { statusCode: 200 } });
    expect(JSON.parse(ingress.result.body)).toEqual({ response_type: 'ephemeral', text: `Looking at ${pod} in shop on demo…` });
    expect(stack.aws.invokes).toHaveLength(1);
    expect(stack.aws.invokes[0]).toMatchObject({ functionName: WORKER_FUNCTION, invocationType: 'Event' });

    const worker = await invokeBundle('worker', stack.aws.invokes[0]!.payload);
    expect(worker).toMatchObject({ ok: true, arity: 2, result: { answered: 'answer', delivered: 'chat.postMessage' } });
    const posts = stack.slack.posts();
    expect(posts).toHaveLength(1);
    const expected = renderBlocks(await stack.expectedDiagnosis(pod));
    const blocks = posts[0]!.args.blocks as { type: string }[];
    expect(blocks[0]).toEqual(expected.blocks[0]);
    // Next steps come from the playbooks the bundle reads from disk beside itself.
    const steps = expected.blocks.filter((block) => block.type === 'section' && JSON.stringify(block).includes('kubectl'));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(blocks).toContainEqual(step);
  });
});
