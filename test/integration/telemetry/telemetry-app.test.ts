import type { GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { OnEvent } from '../../../src/client';
import { Command, CommandsModule, Ctx, type CommandContext } from '../../../src/commands';
import { Injectable } from '../../../src/di';
import { DiscordAPIError } from '../../../src/rest';
import { COMMAND_METRICS, EVENT_METRICS, GATEWAY_METRICS, REST_METRICS, SPAN_KIND, SPAN_STATUS, TelemetryBinder } from '../../../src/telemetry';
import type { RecordedSpan } from '../../telemetry/support/recorder';
import { until } from '../../telemetry/support/until';
import { startTelemetryBot, type TelemetryBot } from './telemetry-bot';

@Injectable()
class PingCommands {
  @Command({ name: 'ping', description: 'Pong' })
  public ping(@Ctx() ctx: CommandContext) {
    return ctx.reply('pong');
  }
}

const received: string[] = [];

@Injectable()
class Messages {
  @OnEvent('messageCreate')
  public onMessage(message: GatewayMessageCreateDispatchData): void {
    received.push(message.content);
  }
}

describe('TelemetryModule in a bot against the fake Discord', () => {
  let bot: TelemetryBot | undefined;

  beforeEach(async () => {
    received.length = 0;
    bot = await startTelemetryBot({ imports: [CommandsModule.forRoot({ log: () => undefined })], providers: [PingCommands, Messages] });
  });

  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('traces REST calls, gateway events and slash commands, and counts shard activity', async () => {
    const { app, client, discord, tracer, meter } = bot!;
    expect(app.get(TelemetryBinder).attached).toEqual(['rest', 'events', 'gateway', 'commands']);
    const { guildId, channelId, userId } = await bot!.addGuild('Telemetry', 'erin');

    // REST: one CLIENT span, named by route template, status 200, no ids anywhere in the name.
    const sent = await client.rest.channels.createMessage(channelId, { content: 'hello' });
    const restSpan = tracer.named('POST /channels/{channel_id}/messages').at(-1)!;
    expect(restSpan.kind).toBe(SPAN_KIND.CLIENT);
    expect(restSpan.attributes).toMatchObject({
      'http.request.method': 'POST',
      'url.template': '/channels/{channel_id}/messages',
      'http.response.status_code': 200,
      'discord.attempts': 1,
      'discord.rate_limit_hits': 0,
    });
    expect(typeof restSpan.attributes['discord.bucket']).toBe('string');
    expect(restSpan.name).not.toContain(channelId);
    expect(restSpan.ended).toBe(true);
    expect(sent.content).toBe('hello');

    // Gateway: the user's message arrives as MESSAGE_CREATE, handled inside one CONSUMER span.
    discord.postMessage(channelId, userId, 'hi bot');
    await until(() => (received.includes('hi bot') ? true : undefined), 'the MESSAGE_CREATE handler');
    const eventSpan = await until(
      () => tracer.named('event MESSAGE_CREATE').find((s) => s.ended && s.attributes['discord.guild_id'] === guildId),
      'the MESSAGE_CREATE span',
    );
    expect(eventSpan.kind).toBe(SPAN_KIND.CONSUMER);
    expect(eventSpan.attributes).toMatchObject({ 'discord.event': 'MESSAGE_CREATE', 'discord.shard_id': 0 });
    expect(meter.sum(EVENT_METRICS.handled, { 'discord.event': 'MESSAGE_CREATE' })).toBeGreaterThanOrEqual(1);
    expect(meter.sum(GATEWAY_METRICS.dispatches, { 'discord.event': 'MESSAGE_CREATE' })).toBeGreaterThanOrEqual(2);
    expect(meter.sum(GATEWAY_METRICS.statusChanges, { 'discord.shard.status': 'ready' })).toBe(1);

    // A slash command invoked through the fake: one SERVER span; the reply's REST call nests under it.
    const invocation = discord.invokeCommand({ name: 'ping', userId, channelId });
    expect((await invocation.response()).data).toMatchObject({ content: 'pong' });
    const commandSpan = await until(() => tracer.named('/ping').find((s) => s.ended), 'the /ping span');
    expect(commandSpan.attributes).toMatchObject({ 'discord.command': 'ping', 'discord.guild_id': guildId, 'discord.command.outcome': 'success' });
    expect(commandSpan.attributes['discord.user_id']).toBeUndefined();
    expect(commandSpan.status.code).toBe(SPAN_STATUS.OK);
    const callback = tracer.named('POST /interactions/{interaction_id}/{interaction_token}/callback').at(-1) as RecordedSpan;
    expect(callback.parent).toBe(commandSpan);
    expect(meter.sum(COMMAND_METRICS.invocations, { 'discord.command': 'ping', 'discord.command.outcome': 'success' })).toBe(1);

    // Heartbeats flow every 200 ms on the fake: latency is recorded per shard.
    await until(() => (meter.of(GATEWAY_METRICS.heartbeatLatency).length > 0 ? true : undefined), 'a heartbeat ACK');
    expect(meter.of(GATEWAY_METRICS.heartbeatLatency)[0]?.attributes).toEqual({ 'discord.shard_id': 0 });
  });

  it('counts a forced 429 and a retried 5xx, and ends a failing request with error status', async () => {
    const { client, discord, tracer, meter } = bot!;

    discord.restFaults.rateLimitStorm({ route: 'GET /users/@me', times: 1, retryAfterMs: 20 });
    await client.rest.get('/users/@me');
    expect(meter.sum(REST_METRICS.rateLimited, { 'discord.rate_limit.hit': true, 'url.template': '/users/@me' })).toBe(1);
    const limited = tracer.named('GET /users/@me').at(-1)!;
    expect(limited.attributes).toMatchObject({ 'http.response.status_code': 200, 'discord.attempts': 2, 'discord.rate_limit_hits': 1 });
    expect(limited.status.code).toBe(SPAN_STATUS.UNSET);

    discord.restFaults.serverError({ status: 502, route: 'GET /users/@me', times: 1 });
    await client.rest.get('/users/@me');
    expect(meter.sum(REST_METRICS.retries, { 'http.response.status_code': 502 })).toBe(1);

    const missing = '111111111111111111';
    const failure = await client.rest.get(`/channels/${missing}`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DiscordAPIError);
    const failed = tracer.named('GET /channels/{channel_id}').at(-1)!;
    expect(failed.status).toEqual({ code: SPAN_STATUS.ERROR, message: (failure as Error).message });
    expect(failed.exceptions).toEqual([failure]);
    expect(failed.attributes['http.response.status_code']).toBe(404);
    expect(failed.ended).toBe(true);
    expect(meter.of(REST_METRICS.duration).some((m) => m.attributes['error.type'] === '404')).toBe(true);
    expect(JSON.stringify(meter.of(REST_METRICS.duration))).not.toContain(missing);
  });
});
