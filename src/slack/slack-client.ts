import { webApi } from '@slack/bolt';
import { boltLogger, type Logger } from './log.ts';

/**
 * The Web API client settings both halves use. The client's own retries are off: it retries
 * a request whose answer was lost, which for chat.postMessage means a second copy of the
 * answer, and it sleeps through rate limits where the worker wants to decide itself.
 */
export function slackClientOptions(slackApiUrl: string | undefined, logger: Logger): webApi.WebClientOptions {
  return {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger, 'slack-web-api'),
    // The client appends the method name to the base URL as it is.
    ...(slackApiUrl ? { slackApiUrl: slackApiUrl.endsWith('/') ? slackApiUrl : `${slackApiUrl}/` } : {}),
  };
}

export function createWebClient(botToken: string, slackApiUrl: string | undefined, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(botToken, slackClientOptions(slackApiUrl, logger));
}
