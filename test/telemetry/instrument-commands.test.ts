import { ApplicationCommandOptionType, InteractionType } from 'discord-api-types/v10';
import { Command, CommandRejectedError, CommandRouter, Ctx, type CommandContext, type Guard, Subcommand, UseGuards, Option, Options } from '../../src/commands';
import { COMMAND_METRICS, commandSpanName, instrumentCommands, SPAN_KIND, SPAN_STATUS } from '../../src/telemetry';
import { ALICE, CHANNEL_ID, GUILD_ID, RecordingRest, slash } from '../commands/interaction-fixtures';
import { RecordingMeter, RecordingTracer } from './support/recorder';

const refuse: Guard = {
  canActivate: () => {
    throw new CommandRejectedError('Not today');
  },
};

class CountOptions {
  @Option({ type: 'integer', description: 'How many', required: true, minValue: 1, maxValue: 5 })
  count!: number;
}

@Command({ name: 'ticket', description: 'Tickets' })
class Tickets {
  public static tracer: RecordingTracer;

  @Subcommand({ name: 'open', description: 'Open a ticket' })
  public open(@Ctx() ctx: CommandContext) {
    // A span started in the handler: its parent must be the command span.
    Tickets.tracer.startSpan('inner').end();
    return ctx.reply('opened');
  }
}

class Others {
  @Command({ name: 'boom', description: 'Fails' })
  public boom(): never {
    throw new Error('handler bug');
  }

  @Command({ name: 'closed', description: 'Refused' })
  @UseGuards(refuse)
  public closed() {
    return 'never';
  }

  @Command({ name: 'count', description: 'Validated' })
  public count(@Options() options: CountOptions) {
    return `counted ${options.count}`;
  }
}

describe('instrumentCommands', () => {
  let tracer: RecordingTracer;
  let meter: RecordingMeter;
  let rest: RecordingRest;
  let router: CommandRouter;

  beforeEach(() => {
    tracer = new RecordingTracer();
    Tickets.tracer = tracer;
    meter = new RecordingMeter();
    rest = new RecordingRest();
    router = new CommandRouter({ rest }).register([Tickets, Others]);
    router.events.on('commandError', () => undefined);
  });

  it('gives one SERVER span per command, named /command subcommand, active for the handler', async () => {
    const detach = instrumentCommands(router, { tracer, meter });
    await router.handle(slash('ticket', [{ name: 'open', type: ApplicationCommandOptionType.Subcommand, options: [] }]));
    const span = tracer.named('/ticket open')[0]!;
    expect(span.kind).toBe(SPAN_KIND.SERVER);
    expect(span.attributes).toEqual({
      'discord.interaction.type': InteractionType.ApplicationCommand,
      'discord.route.kind': 'subcommand',
      'discord.command': 'ticket open',
      'discord.guild_id': GUILD_ID,
      'discord.channel_id': CHANNEL_ID,
      'discord.command.outcome': 'success',
    });
    expect(span.status.code).toBe(SPAN_STATUS.OK);
    expect(span.endCount).toBe(1);
    expect(tracer.named('inner')[0]?.parent).toBe(span);
    expect(meter.sum(COMMAND_METRICS.invocations, { 'discord.command': 'ticket open', 'discord.command.outcome': 'success' })).toBe(1);
    expect(meter.of(COMMAND_METRICS.duration)).toHaveLength(1);
    detach();
  });

  it('leaves user ids out unless recordUserIds is true', async () => {
    const off = instrumentCommands(router, { tracer, meter });
    await router.handle(slash('count', [{ name: 'count', type: ApplicationCommandOptionType.Integer, value: 2 }]));
    expect(JSON.stringify(tracer.spans)).not.toContain(ALICE.id);
    off();
    const other = new RecordingTracer();
    instrumentCommands(router, { tracer: other, recordUserIds: true });
    await router.handle(slash('count', [{ name: 'count', type: ApplicationCommandOptionType.Integer, value: 2 }]));
    expect(other.named('/count')[0]?.attributes['discord.user_id']).toBe(ALICE.id);
  });

  it('ends a failing handler span with error status and the exception', async () => {
    instrumentCommands(router, { tracer, meter });
    await router.handle(slash('boom'));
    const span = tracer.named('/boom')[0]!;
    expect(span.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'handler bug' });
    expect((span.exceptions[0] as Error).message).toBe('handler bug');
    expect(span.attributes['discord.command.outcome']).toBe('error');
    expect(meter.sum(COMMAND_METRICS.invocations, { 'discord.command.outcome': 'error' })).toBe(1);
  });

  it('reports guard refusals and invalid input as outcomes, not errors', async () => {
    instrumentCommands(router, { tracer, meter });
    await router.handle(slash('closed'));
    await router.handle(slash('count', [{ name: 'count', type: ApplicationCommandOptionType.Integer, value: 99 }]));
    expect(tracer.named('/closed')[0]?.attributes['discord.command.outcome']).toBe('guard_rejected');
    expect(tracer.named('/count')[0]?.attributes['discord.command.outcome']).toBe('validation_failed');
    expect(tracer.spans.every((s) => s.status.code !== SPAN_STATUS.ERROR)).toBe(true);
  });

  it('calls a middleware that answers without next() "stopped", and counts unmatched commands as unhandled', async () => {
    instrumentCommands(router, { tracer, meter });
    router.use(async (ctx) => {
      await ctx.reply('maintenance');
    });
    await router.handle(slash('boom'));
    await router.handle(slash('nope'));
    expect(tracer.named('/boom')[0]?.attributes['discord.command.outcome']).toBe('stopped');
    expect(meter.sum(COMMAND_METRICS.invocations, { 'discord.command.outcome': 'unhandled' })).toBe(1);
  });

  it('works with a tracer without startActiveSpan, and records nothing once detached', async () => {
    const plain = new RecordingTracer(false);
    const detach = instrumentCommands(router, { tracer: plain });
    await router.handle(slash('boom'));
    expect(plain.named('/boom')[0]?.status.code).toBe(SPAN_STATUS.ERROR);
    detach();
    await router.handle(slash('boom'));
    expect(plain.named('/boom')).toHaveLength(1);
  });

  it('names context-menu and component spans by kind and pattern', () => {
    expect(commandSpanName({ kind: 'userCommand', path: 'Report' })).toBe('userCommand Report');
    expect(commandSpanName({ kind: 'button', path: 'ticket:{id}' })).toBe('button ticket:{id}');
    expect(commandSpanName({ kind: 'command', path: 'ping' })).toBe('/ping');
  });
});
