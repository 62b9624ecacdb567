import { createHmac } from 'node:crypto';
import { stringify } from 'node:querystring';

export const SIGNING_SECRET = 'test-signing-secret-8f14e45fceea167a5a36dedd4bea2543';

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  contentType?: string;
  /** Extra headers, such as X-Slack-Retry-Num. */
  headers?: Record<string, string>;
}

/** Slack's v0 signature: HMAC-SHA256 over "v0:timestamp:body" with the signing secret. */
export function slackSignature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackResponse {
  status: number;
  text: string;
  json(): unknown;
}

/** Posts a body to the app exactly as Slack does: signed, with a fresh timestamp. */
export async function postSigned(url: string, body: string, options: SignOptions = {}): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(body, timestamp, options.secret),
      ...options.headers,
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) };
}

export interface SlashCommandFields {
  text: string;
  channel_id?: string;
  channel_name?: string;
  command?: string;
  response_url?: string;
  trigger_id?: string;
}

/** A slash command's form body, with every field Slack sends. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return stringify({
    token: 'deprecated-verification-token',
    team_id: 'T0TEAM0001',
    team_domain: 'acme',
    channel_id: fields.channel_id ?? 'C0SHOP0001',
    channel_name: fields.channel_name ?? 'shop-oncall',
    user_id: 'U0ONCALL01',
    user_name: 'oncall',
    command: fields.command ?? '/k8s',
    text: fields.text,
    api_app_id: 'A0K8SWHY01',
    is_enterprise_install: 'false',
    response_url: fields.response_url ?? 'https://hooks.slack.com/commands/T0TEAM0001/1/abc',
    trigger_id: fields.trigger_id ?? '1337.42.d2f0a1b2c3',
  });
}

/** An Events API envelope (app_mention), as JSON. */
export function eventBody(event: Record<string, unknown>, eventId = 'Ev0MENTION01'): string {
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: 'T0TEAM0001',
    api_app_id: 'A0K8SWHY01',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1712200000,
    authorizations: [{ enterprise_id: null, team_id: 'T0TEAM0001', user_id: 'U0K8SWHY01', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

/** Interactivity (shortcuts, block actions): a form with one `payload` field of JSON. */
export function interactionBody(payload: Record<string, unknown>): string {
  return stringify({ payload: JSON.stringify(payload) });
}
