import type { RateLimitedEvent, RestClient, RestRetryEvent } from '../rest';
import { SPAN_KIND, SPAN_STATUS } from './otel-types';
import { routeOfUrlPath, routeTemplate } from './route-template';
import { counter, defined, errorType, fail, histogram, startSpan } from './signals';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';

/** Names of the metrics `instrumentRest` records. */
export const REST_METRICS = {
  duration: 'http.client.request.duration',
  rateLimited: 'discord.rest.rate_limited',
  retries: 'discord.rest.retries',
} as const;

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/**
 * Traces and measures a `RestClient` through its public face: a middleware gives one CLIENT span
 * per call (`rest.get(...)`, retries included), named by method and route template
 * (`DELETE /channels/{channel_id}/messages/{message_id}`, never raw ids), with the bucket, status,
 * attempts, 429s and queueing time; a failed call ends its span with error status and the
 * exception. Metrics: the request duration histogram (seconds), a counter of rate limits from
 * the `rateLimited` event (`discord.rate_limit.hit` true for a 429 received, false for a wait the
 * client predicted), and a counter of retries. Returns a function that detaches everything (the
 * middleware stays in the chain but steps aside, as pipelines cannot remove one).
 *
 * @example
 * ```ts
 * const detach = instrumentRest(rest, { tracer: trace.getTracer('my-bot'), meter: metrics.getMeter('my-bot') });
 * // on shutdown
 * detach();
 * ```
 */
export function instrumentRest(rest: RestClient, options: TelemetryOptions): () => void {
  const where = 'instrumentRest';
  checkTarget(rest, where, 'a RestClient', ['use', 'on', 'off']);
  const { tracer, meter } = checkTelemetryOptions(options, where);
  const duration = histogram(meter, REST_METRICS.duration, 'Duration of Discord REST calls, rate-limit waits and retries included', 's');
  const rateLimited = counter(meter, REST_METRICS.rateLimited, 'Rate limits met: 429s received (hit=true) and waits the client predicted (hit=false)');
  const retries = counter(meter, REST_METRICS.retries, 'Attempts retried after a 429, a 5xx or a network error');
  let attached = true;

  rest.use(async (ctx, next) => {
    if (!attached) return next();
    const method = ctx.request.method;
    const template = routeTemplate(ctx.request.route);
    const span = startSpan(tracer, `${method} ${template}`, {
      kind: SPAN_KIND.CLIENT,
      attributes: { 'http.request.method': method, 'url.template': template },
    });
    const started = performance.now();
    let status: number | undefined;
    let failure: unknown;
    let failed = false;
    try {
      await next();
      status = ctx.response?.status;
    } catch (error) {
      failed = true;
      failure = error;
      status = statusOf(error);
      throw error;
    } finally {
      // A sampled-out or SDK-less span records nothing: skip building what it would drop.
      if (span.isRecording?.() !== false) {
        const { info } = ctx;
        span.setAttributes(
          defined({
            'discord.route': info.route,
            'discord.bucket': info.bucket,
            'http.response.status_code': status,
            'discord.attempts': info.attempts,
            'discord.rate_limit_hits': info.rateLimitHits,
            'discord.queued_ms': info.queuedMs,
          }),
        );
        if (failed) fail(span, failure);
        else if (status !== undefined && status >= 400) {
          // A middleware turned a failure into a response: still a failed call for the trace.
          span.setStatus({ code: SPAN_STATUS.ERROR, message: `HTTP ${status}` });
          span.setAttribute('error.type', String(status));
        }
      }
      span.end();
      duration.record(
        (performance.now() - started) / 1000,
        defined({
          'http.request.method': method,
          'url.template': template,
          'http.response.status_code': status,
          'error.type': failed ? (status === undefined ? errorType(failure) : String(status)) : status !== undefined && status >= 400 ? String(status) : undefined,
        }),
      );
    }
  }, 'oven-telemetry');

  const onRateLimited = (event: RateLimitedEvent): void => {
    rateLimited.add(1, {
      'http.request.method': event.method,
      'url.template': routeTemplate(routeOfUrlPath(event.path)),
      'discord.rate_limit.hit': event.hit,
      'discord.rate_limit.scope': event.scope,
      'discord.rate_limit.global': event.global,
    });
  };
  const onRetry = (event: RestRetryEvent): void => {
    retries.add(
      1,
      defined({
        'http.request.method': event.method,
        'url.template': routeTemplate(routeOfUrlPath(event.path)),
        'http.response.status_code': event.status,
        'error.type': event.status === undefined ? errorType(event.error) : String(event.status),
      }),
    );
  };
  rest.on('rateLimited', onRateLimited);
  rest.on('retry', onRetry);
  return () => {
    attached = false;
    rest.off('rateLimited', onRateLimited);
    rest.off('retry', onRetry);
  };
}
