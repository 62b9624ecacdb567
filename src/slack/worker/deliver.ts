import type { webApi } from '@slack/bolt';
import type { SlackMessage } from '../../render/slack/block-kit.ts';
import { fitText, SLACK_LIMITS } from '../../render/slack/limits.ts';
import type { SlackJob } from '../job.ts';
import { errorText, type Logger } from '../log.ts';
import { neverSent, postToResponseUrl, type PostResult } from './response-url.ts';

export type Route = 'chat.postMessage' | 'chat.postEphemeral' | 'response_url';

export interface Attempt {
  route: Route;
  outcome: PostResult['outcome'];
  reason?: string;
}

export type Delivery = { ok: true; route: Route; ts?: string; attempts: Attempt[] } | { ok: false; reason: string; attempts: Attempt[] };

export interface DeliveryIo {
  client: webApi.WebClient;
  sleep: (ms: number) => Promise<void>;
  /** The longest Retry-After honoured (once per route); a longer one moves to the next route. */
  maxRetryWaitMs: number;
  logger: Logger;
}

/**
 * Where an answer goes, in order of preference; the next route is tried only when the one
 * before certainly posted nothing. In-channel answers go through the Web API, which returns
 * the message's ts (for the thread and the log file). A private answer to a slash command
 * goes through its response_url first: it works where the bot is not a member.
 */
export function routesFor(job: SlackJob): Route[] {
  const web: Route = job.visibility === 'in_channel' ? 'chat.postMessage' : 'chat.postEphemeral';
  if (!job.responseUrl) return [web];
  if (job.visibility === 'ephemeral' && !job.threadTs) return ['response_url', web];
  return [web, 'response_url'];
}

/** Posts one answer: at most one copy, whatever fails. */
export async function deliver(message: SlackMessage, job: SlackJob, io: DeliveryIo): Promise<Delivery> {
  const attempts: Attempt[] = [];
  let reason = 'no route to post on';
  for (const route of routesFor(job)) {
    let waited = false;
    let body = message;
    for (;;) {
      const result = route === 'response_url' ? await postToResponseUrl(job.responseUrl!, body, job.visibility, job.threadTs) : await postWithWebApi(route, body, job, io.client);
      const attempt: Attempt = { route, outcome: result.outcome, ...('reason' in result ? { reason: result.reason } : {}) };
      attempts.push(attempt);
      io.logger.log(result.outcome === 'posted' ? 'info' : 'warn', 'post attempt', { jobId: job.id, route, outcome: result.outcome, reason: attempt.reason });
      if (result.outcome === 'posted') return { ok: true, route, ...(result.ts ? { ts: result.ts } : {}), attempts };
      if (result.outcome === 'uncertain') return { ok: false, reason: `${route}: ${result.reason} (it may have been posted, so it was not retried)`, attempts };
      if (result.outcome === 'rate-limited') {
        reason = `${route}: rate limited (Retry-After ${result.retryAfterSec} s)`;
        if (!waited && result.retryAfterSec * 1000 <= io.maxRetryWaitMs) {
          waited = true;
          await io.sleep(result.retryAfterSec * 1000);
          continue;
        }
        break;
      }
      reason = `${route}: ${result.reason}`;
      // Slack refused the blocks themselves: the same answer as plain text still helps.
      if (!result.routeGone && body.blocks.length > 0) {
        body = plainTextOf(message);
        continue;
      }
      break;
    }
  }
  return { ok: false, reason, attempts };
}

/** Content errors: nothing was posted, and the same route takes a plainer message. */
const CONTENT_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'no_text', 'invalid_attachments']);

async function postWithWebApi(route: Exclude<Route, 'response_url'>, message: SlackMessage, job: SlackJob, client: webApi.WebClient): Promise<PostResult> {
  const content = {
    channel: job.channelId,
    text: message.text,
    ...(message.blocks.length > 0 ? { blocks: message.blocks } : {}),
    ...(job.threadTs ? { thread_ts: job.threadTs } : {}),
  };
  try {
    if (route === 'chat.postMessage') {
      const result = await client.chat.postMessage({ ...content, unfurl_links: false, unfurl_media: false } as webApi.ChatPostMessageArguments);
      return { outcome: 'posted', ...(result.ts ? { ts: result.ts } : {}) };
    }
    await client.chat.postEphemeral({ ...content, user: job.userId } as webApi.ChatPostEphemeralArguments);
    // An ephemeral message has no ts anyone can thread under.
    return { outcome: 'posted' };
  } catch (error) {
    return classifyWebApiError(error);
  }
}

function classifyWebApiError(error: unknown): PostResult {
  const coded = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; original?: unknown };
  switch (coded.code) {
    case 'slack_webapi_rate_limited_error':
      return { outcome: 'rate-limited', retryAfterSec: coded.retryAfter ?? 30 };
    case 'slack_webapi_platform_error': {
      // ok:false: Slack looked at the call and posted nothing (not_in_channel, channel_not_found, ...).
      const slackError = coded.data?.error ?? 'unknown_error';
      return { outcome: 'not-posted', reason: slackError, routeGone: !CONTENT_ERRORS.has(slackError) };
    }
    case 'slack_webapi_http_error':
      return (coded.statusCode ?? 500) >= 500 ? { outcome: 'uncertain', reason: `HTTP ${coded.statusCode}` } : { outcome: 'not-posted', reason: `HTTP ${coded.statusCode}`, routeGone: true };
    case 'slack_webapi_request_error':
      return neverSent(coded.original) ? { outcome: 'not-posted', reason: errorText(coded.original), routeGone: true } : { outcome: 'uncertain', reason: errorText(coded.original ?? error) };
    default:
      return { outcome: 'uncertain', reason: errorText(error) };
  }
}

/** The answer's sections as one plain mrkdwn text, for when Slack refuses the blocks. */
function plainTextOf(message: SlackMessage): SlackMessage {
  const texts = message.blocks.flatMap((block) => {
    if (block.type === 'header' || block.type === 'section') return block.text ? [block.text.text] : [];
    if (block.type === 'context') return [block.elements.map((element) => element.text).join(' · ')];
    return [];
  });
  return { text: fitText(texts.join('\n\n') || message.text, SLACK_LIMITS.fallbackText), blocks: [] };
}
