import { ComponentType, MessageFlags } from 'discord-api-types/v10';
import { BuilderLimitError, EmbedBuilder } from '../../../src/builders';
import { CommandContext, ComponentContext, InteractionResponseError } from '../../../src/commands';
import { APP_ID, BOB, RecordingRest, button, slash, userCommand } from '../interaction-fixtures';

function context(now: { t: number } = { t: 1_000 }) {
  const rest = new RecordingRest();
  const ctx = new CommandContext(slash('x'), { rest, applicationId: APP_ID, now: () => now.t, receivedAt: 1_000 }, 'x');
  return { rest, ctx, now };
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InteractionResponseError) return error.code;
    throw error;
  }
  throw new Error('expected an InteractionResponseError');
}

describe('InteractionContext', () => {
  it('answers once, then edits and follows up', async () => {
    const { rest, ctx } = context();
    await ctx.reply({ content: 'hi', embeds: [new EmbedBuilder().setTitle('t')] });
    expect(ctx.responseStatus).toBe('replied');
    expect(await code(ctx.reply('again'))).toBe('OVEN_ERR_COMMANDS_ALREADY_ACKNOWLEDGED');
    expect(await code(ctx.deferReply())).toBe('OVEN_ERR_COMMANDS_ALREADY_ACKNOWLEDGED');
    await ctx.editReply('edited');
    await ctx.followUp({ content: 'more', ephemeral: true });
    await ctx.deleteReply();
    expect(rest.calls).toEqual([
      { kind: 'callback', interactionId: ctx.interaction.id, body: { type: 4, data: { content: 'hi', embeds: [{ title: 't' }] } } },
      { kind: 'edit', messageId: '@original', body: { content: 'edited' } },
      { kind: 'followup', body: { content: 'more', flags: 64 } },
      { kind: 'delete', messageId: '@original' },
    ]);
  });

  it('refuses follow-ups, edits and deletes before any initial response', async () => {
    const { ctx } = context();
    expect(await code(ctx.followUp('x'))).toBe('OVEN_ERR_COMMANDS_NOT_ACKNOWLEDGED');
    expect(await code(ctx.editReply('x'))).toBe('OVEN_ERR_COMMANDS_NOT_ACKNOWLEDGED');
    expect(await code(ctx.deleteReply())).toBe('OVEN_ERR_COMMANDS_NOT_ACKNOWLEDGED');
  });

  it('tracks the 3-second window and the 15-minute token', async () => {
    const late = context();
    late.now.t = 1_000 + 2_999;
    expect(late.ctx.initialResponseRemainingMs).toBe(1);
    late.now.t = 1_000 + 3_001;
    const lateCode = await code(late.ctx.reply('too late'));
    expect(lateCode).toBe('OVEN_ERR_COMMANDS_RESPONSE_WINDOW_EXPIRED');
    expect(late.rest.calls).toEqual([]);

    const deferred = context();
    await deferred.ctx.deferReply();
    deferred.now.t = 1_000 + 14 * 60_000;
    await deferred.ctx.reply('after a long job');
    deferred.now.t = 1_000 + 16 * 60_000;
    expect(await code(deferred.ctx.followUp('way too late'))).toBe('OVEN_ERR_COMMANDS_RESPONSE_WINDOW_EXPIRED');
    expect(deferred.rest.calls.map((c) => c.kind)).toEqual(['callback', 'edit']);
  });

  it('turns reply() after deferReply() into an edit, keeping the deferral ephemeral', async () => {
    const { rest, ctx } = context();
    await ctx.deferReply({ ephemeral: true });
    expect(ctx.deferred).toBe(true);
    expect(ctx.deferredEphemeral).toBe(true);
    await ctx.reply('done');
    expect(rest.calls).toEqual([
      { kind: 'callback', interactionId: ctx.interaction.id, body: { type: 5, data: { flags: 64 } } },
      { kind: 'edit', messageId: '@original', body: { content: 'done' } },
    ]);
  });

  it('lets only one of two racing initial responses through', async () => {
    const { rest, ctx } = context();
    const results = await Promise.allSettled([ctx.deferReply(), ctx.reply('fast')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(rest.calls.map((c) => c.kind)).toEqual(['callback', 'edit']);
  });

  it('checks message limits before sending', async () => {
    const { rest, ctx } = context();
    await expect(ctx.reply('x'.repeat(2001))).rejects.toBeInstanceOf(BuilderLimitError);
    await expect(ctx.reply({ embeds: Array.from({ length: 11 }, () => ({ title: 'e' })) })).rejects.toThrow(/Discord allows at most 10/);
    expect(rest.calls).toEqual([]);
  });

  it('exposes the target of a user command', () => {
    const ctx = new CommandContext(userCommand('Wave', BOB), { rest: new RecordingRest(), applicationId: APP_ID, now: () => 0, receivedAt: 0 }, 'Wave');
    expect(ctx.targetUser).toEqual(BOB);
    expect(ctx.targetMessage).toBeUndefined();
  });

  it('exposes the picked values and resolved entities of a user select', () => {
    const interaction = button('pick');
    const data = interaction.data as unknown as Record<string, unknown>;
    data['component_type'] = 5;
    data['values'] = [BOB.id];
    data['resolved'] = { users: { [BOB.id]: BOB } };
    const ctx = new ComponentContext(interaction, { rest: new RecordingRest(), applicationId: APP_ID, now: () => 0, receivedAt: 0 });
    expect(ctx.values).toEqual([BOB.id]);
    expect(ctx.resolved?.users?.[BOB.id]).toEqual(BOB);
    expect(ctx.customId).toBe('pick');
  });

  it('after deferUpdate, update() edits the component message and reply() follows up', async () => {
    const rest = new RecordingRest();
    const ctx = new ComponentContext(button('x'), { rest, applicationId: APP_ID, now: () => 0, receivedAt: 0 });
    await ctx.deferUpdate();
    expect(ctx.responseStatus).toBe('deferredUpdate');
    await ctx.update({ content: 'edited in place' });
    await ctx.reply({ content: 'new message', ephemeral: true });
    expect(rest.calls).toEqual([
      { kind: 'callback', interactionId: ctx.interaction.id, body: { type: 6 } },
      { kind: 'edit', messageId: '@original', body: { content: 'edited in place' } },
      { kind: 'followup', body: { content: 'new message', flags: 64 } },
    ]);
  });

  it('keeps the flags an edit may carry (components v2, suppressed embeds) and drops only ephemeral, which an edit cannot set', async () => {
    const { rest, ctx } = context();
    await ctx.deferReply();
    const flags = MessageFlags.IsComponentsV2 | MessageFlags.SuppressEmbeds;
    await ctx.editReply({ flags, ephemeral: true, components: [{ type: ComponentType.TextDisplay, content: 'Report ready' }] });
    await ctx.editReply({ content: 'plain', ephemeral: true });
    expect(rest.calls.slice(1)).toEqual([
      { kind: 'edit', messageId: '@original', body: { flags, components: [{ type: ComponentType.TextDisplay, content: 'Report ready' }] } },
      { kind: 'edit', messageId: '@original', body: { content: 'plain' } },
    ]);
  });
});
