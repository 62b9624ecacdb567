import type { SlackMessage } from '../../render/slack/block-kit.ts';
import type { Visibility } from '../job.ts';
import { errorText } from '../log.ts';

/**
 * How one attempt to post went. Only 'posted' and 'not-posted' are certain; 'uncertain' means
 * the request may have reached Slack (a timeout, a reset, a 5xx), and then nothing is retried,
 * because a second copy of an incident answer is worse than a logged failure.
 */
export type PostResult =
  | { outcome: 'posted'; ts?: string }
  | { outcome: 'not-posted'; reason: string; routeGone: boolean }
  | { outcome: 'rate-limited'; retryAfterSec: number }
  | { outcome: 'uncertain'; reason: string };

const TIMEOUT_MS = 10_000;

/**
 * Posts through a slash command's, shortcut's or button's response_url: works where the bot
 * is not a member (private channels, DMs), for 30 minutes and 5 posts. An expired or used-up
 * URL answers 404 or 410, or 200 with "expired_url"/"used_url" in older behaviour.
 */
export async function postToResponseUrl(url: string, message: SlackMessage, visibility: Visibility, threadTs?: string): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ response_type: visibility, replace_original: false, text: message.text, blocks: message.blocks, ...(threadTs ? { thread_ts: threadTs } : {}) }),
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    return neverSent(error) ? { outcome: 'not-posted', reason: errorText(error), routeGone: true } : { outcome: 'uncertain', reason: errorText(error) };
  }
  const body = (await response.text().catch(() => '')).trim().slice(0, 200);
  if (response.status === 429) return { outcome: 'rate-limited', retryAfterSec: retryAfterSeconds(response.headers.get('retry-after')) };
  if (response.status === 404 || response.status === 410 || /expired_url|used_url/.test(body)) {
    return { outcome: 'not-posted', reason: `response_url expired (${response.status}${body ? ` ${body}` : ''})`, routeGone: true };
  }
  if (response.status >= 500) return { outcome: 'uncertain', reason: `response_url answered ${response.status}` };
  if (response.status !== 200) return { outcome: 'not-posted', reason: `response_url answered ${response.status}${body ? ` ${body}` : ''}`, routeGone: true };
  // 200 with an error word ("invalid_blocks", "no_text") means Slack refused the content.
  if (body && body !== 'ok' && !/^\{\s*"ok"\s*:\s*true/.test(body)) return { outcome: 'not-posted', reason: `response_url refused: ${body}`, routeGone: false };
  return { outcome: 'posted' };
}

export function retryAfterSeconds(header: string | null | undefined): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 30;
}

/** Errors raised before a byte left: the request cannot have been seen, so another route is safe. */
export function neverSent(error: unknown): boolean {
  const codes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'UND_ERR_CONNECT_TIMEOUT']);
  for (let current: unknown = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && codes.has(code)) return true;
    if (current instanceof TypeError && /Invalid URL/i.test(current.message)) return true;
  }
  return false;
}
