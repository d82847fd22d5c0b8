import type { CommandRouter, HandlerRoute, InteractionContext } from '../commands';
import { SPAN_KIND, SPAN_STATUS } from './otel-types';
import { counter, defined, fail, histogram, withSpan } from './signals';
import { checkTarget, checkTelemetryOptions, type TelemetryOptions } from './telemetry-options';

/** Names of the metrics `instrumentCommands` records. */
export const COMMAND_METRICS = {
  invocations: 'discord.commands.invocations',
  duration: 'discord.commands.duration',
} as const;

/** How a routed interaction ended, the `discord.command.outcome` attribute. */
export type CommandOutcome = 'success' | 'error' | 'guard_rejected' | 'validation_failed' | 'stopped' | 'unhandled';

const COMMAND_KINDS: ReadonlySet<string> = new Set(['command', 'subcommand']);

/** The span name: `/ticket open` for slash commands, `userCommand Report`, `button ticket:{id}`. */
export function commandSpanName(route: Pick<HandlerRoute, 'kind' | 'path'>): string {
  return COMMAND_KINDS.has(route.kind) ? `/${route.path}` : `${route.kind} ${route.path}`;
}

function guildOf(ctx: InteractionContext): string | undefined {
  const guildId = (ctx.interaction as { guild_id?: unknown }).guild_id;
  return typeof guildId === 'string' ? guildId : undefined;
}

/**
 * Traces and measures a `CommandRouter`: an interaction middleware (outermost among those added
 * after it) opens one SERVER span per routed interaction, named `/command subcommand` (or the
 * route's kind and pattern for context menus and components), as the active span when the
 * tracer has `startActiveSpan`, so REST calls the handler makes nest under it. Attributes:
 * `discord.interaction.type`, `discord.route.kind`, `discord.command`, `discord.guild_id`,
 * `discord.channel_id`, `discord.command.outcome`, and `discord.user_id` only with
 * `recordUserIds: true`. The router's events set the outcome (`guard_rejected`,
 * `validation_failed`, `error`, `success`; `stopped` when a middleware did not call `next()`);
 * an error also marks the span failed. Metrics: invocations by command and outcome (unmatched
 * interactions counted as `unhandled`) and the duration histogram (seconds).
 *
 * @example
 * ```ts
 * const detach = instrumentCommands(router, { tracer, meter, recordUserIds: false });
 * ```
 */
export function instrumentCommands(router: CommandRouter, options: TelemetryOptions): () => void {
  const where = 'instrumentCommands';
  checkTarget(router, where, 'a CommandRouter', ['use']);
  checkTarget((router as { events?: unknown }).events, where, 'a CommandRouter with events', ['on']);
  const { tracer, meter, recordUserIds } = checkTelemetryOptions(options, where);
  const invocations = counter(meter, COMMAND_METRICS.invocations, 'Interactions routed, by command and outcome');
  const duration = histogram(meter, COMMAND_METRICS.duration, 'Time from routing an interaction to its handler (and answer) finishing', 's');
  const outcomes = new WeakMap<InteractionContext, CommandOutcome>();
  let attached = true;

  router.use((ctx, next, route) => {
    if (!attached) return next();
    const name = commandSpanName(route);
    const attributes = defined({
      'discord.interaction.type': ctx.interaction.type,
      'discord.route.kind': route.kind,
      'discord.command': route.path,
      'discord.guild_id': guildOf(ctx),
      'discord.channel_id': ctx.channel?.id,
      'discord.user_id': recordUserIds ? ctx.user.id : undefined,
    });
    return withSpan(tracer, name, { kind: SPAN_KIND.SERVER, attributes }, async (span) => {
      const started = performance.now();
      let thrown = false;
      try {
        await next();
      } catch (error) {
        thrown = true;
        outcomes.set(ctx, 'error');
        fail(span, error);
        throw error;
      } finally {
        const outcome = outcomes.get(ctx) ?? (thrown ? 'error' : 'stopped');
        span.setAttribute('discord.command.outcome', outcome);
        if (outcome === 'success') span.setStatus({ code: SPAN_STATUS.OK });
        span.end();
        const labels = { 'discord.command': route.path, 'discord.route.kind': route.kind, 'discord.command.outcome': outcome };
        invocations.add(1, labels);
        duration.record((performance.now() - started) / 1000, labels);
      }
    });
  });

  const record = (ctx: InteractionContext, outcome: CommandOutcome): void => {
    // The first verdict stands: an error while answering a refused guard is still a refusal.
    if (attached && !outcomes.has(ctx)) outcomes.set(ctx, outcome);
  };
  const offs = [
    router.events.on('afterCommand', ({ ctx }) => record(ctx, 'success')),
    router.events.on('guardRejected', ({ ctx }) => record(ctx, 'guard_rejected')),
    router.events.on('validationFailed', ({ ctx }) => record(ctx, 'validation_failed')),
    router.events.on('commandError', ({ ctx }) => record(ctx, 'error')),
    router.events.on('unhandled', ({ kind }) => {
      if (attached) invocations.add(1, { 'discord.route.kind': kind, 'discord.command.outcome': 'unhandled' });
    }),
  ];
  return () => {
    attached = false;
    for (const off of offs) off();
  };
}
