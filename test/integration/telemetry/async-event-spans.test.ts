import type { GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { Client, OnEvent } from '../../../src/client';
import { Inject, Injectable } from '../../../src/di';
import { EVENT_METRICS, SPAN_STATUS } from '../../../src/telemetry';
import type { RecordedSpan } from '../../telemetry/support/recorder';
import { until } from '../../telemetry/support/until';
import { startTelemetryBot, type TelemetryBot } from './telemetry-bot';

/** When each handler finished, by message content, in `performance.now()` time. */
const finished = new Map<string, number>();

@Injectable()
class Replies {
  public constructor(@Inject(Client) private readonly client: Client) {}

  // Awaits a REST call and a timer: both must fall inside the event span.
  @OnEvent('messageCreate')
  public async reply(message: GatewayMessageCreateDispatchData): Promise<void> {
    if (message.author.bot === true || !message.content.startsWith('!')) return;
    if (message.content === '!fail') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished.set(message.content, performance.now());
      throw new Error('reply failed');
    }
    await this.client.rest.channels.createMessage(message.channel_id, { content: `echo ${message.content}` });
    await new Promise((resolve) => setTimeout(resolve, 50));
    finished.set(message.content, performance.now());
  }
}

describe('event spans of async @OnEvent handlers, in a bot against the fake Discord', () => {
  let bot: TelemetryBot | undefined;

  beforeEach(async () => {
    finished.clear();
    // The client reports handler errors on its `error` event; listen so they are not printed.
    bot = await startTelemetryBot({ providers: [Replies] }, (app) => app.get(Client).on('error', () => undefined));
  });

  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  /**
   * Posts `content` from a member of a guild the bot has cached; resolves once its handler settled
   * (at `settledAt`) and its MESSAGE_CREATE span ended.
   */
  async function post(content: string): Promise<{ channelId: string; settledAt: number; span: RecordedSpan }> {
    const { discord, tracer } = bot!;
    const { channelId, userId } = await bot!.addGuild('Async spans', 'ada');
    const before = tracer.named('event MESSAGE_CREATE').length;
    discord.postMessage(channelId, userId, content);
    const settledAt = await until(() => finished.get(content), `the handler of ${content} to settle`);
    const span = await until(() => tracer.named('event MESSAGE_CREATE').slice(before).find((s) => s.ended), 'the event span to end');
    return { channelId, settledAt, span };
  }

  it('ends the MESSAGE_CREATE span after the handler awaited its REST reply and a timer', async () => {
    const { discord, tracer, meter } = bot!;
    const { channelId, settledAt, span } = await post('!hello');
    expect(span.endedAt!).toBeGreaterThanOrEqual(settledAt);
    // The REST call the handler made started and ended inside the event span.
    const rest = tracer.named('POST /channels/{channel_id}/messages').find((s) => s.ended && s.startedAt >= span.startedAt);
    expect(rest).toBeDefined();
    expect(rest!.endedAt!).toBeLessThanOrEqual(span.endedAt!);
    expect(span.status.code).toBe(SPAN_STATUS.UNSET);
    expect(discord.messages(channelId).map((m) => m.content)).toContain('echo !hello');
    expect(meter.sum(EVENT_METRICS.handled, { 'discord.event': 'MESSAGE_CREATE' })).toBeGreaterThanOrEqual(1);
  });

  it('marks the span failed when the async handler rejects, ending it after the rejection', async () => {
    const { meter } = bot!;
    const { settledAt: rejectedAt, span } = await post('!fail');
    expect(span.endedAt!).toBeGreaterThanOrEqual(rejectedAt);
    expect(span.status).toEqual({ code: SPAN_STATUS.ERROR, message: 'reply failed' });
    expect(span.attributes['discord.handler']).toBe('Replies.reply');
    expect(meter.sum(EVENT_METRICS.errors, { 'discord.event': 'MESSAGE_CREATE' })).toBe(1);
  });
});
