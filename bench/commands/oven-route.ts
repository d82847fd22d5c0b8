import type { APIInteraction, APIUser } from 'discord-api-types/v10';
import { Max } from 'class-validator';
import type { CommandContext, InteractionMember, InteractionRest } from '../../src/commands';
import { Command, CommandRouter, Ctx, Option, Options } from '../../src/commands';
import { HookManager, bridgeCommandHooks } from '../../src/hooks';
import type { RecordedReply } from './payload';

class GiveOptions {
  @Option({ type: 'member', description: 'Who gets it', required: true })
  target!: InteractionMember;

  @Option({ type: 'integer', description: 'How many', required: true, minValue: 1, maxValue: 100 })
  @Max(50, { message: 'amount must be at most 50 for now' })
  amount!: number;

  @Option({ type: 'string', description: 'Note', maxLength: 100 })
  note?: string;
}

class Economy {
  @Command({ name: 'give', description: 'Give coins' })
  give(@Options() options: GiveOptions, @Ctx() ctx: CommandContext): Promise<void> {
    const from = (ctx.user as APIUser).username;
    return ctx.reply({ content: `${from} gave ${options.amount} coins to ${options.target.user.username}: ${options.note ?? ''}` });
  }
}

/**
 * The OvenJS path: `router.handle(raw)` with a DTO, a class-validator rule and `ctx.reply`.
 * With `hooks`, the command hook points are bridged as HooksModule does (no handlers on them),
 * which adds a middleware and the options and choices stages.
 */
export function ovenRoute(replies: RecordedReply[], hooks?: HookManager): (interaction: APIInteraction) => Promise<void> {
  const rest: InteractionRest = {
    createResponse: async (interactionId, _token, body) => void replies.push({ interactionId, body }),
    editMessage: () => Promise.reject(new Error('not used')),
    deleteMessage: () => Promise.reject(new Error('not used')),
    createFollowup: () => Promise.reject(new Error('not used')),
  };
  const router = new CommandRouter({ rest }).register([Economy]);
  if (hooks !== undefined) bridgeCommandHooks(router, hooks);
  return (interaction) => router.handle(interaction);
}
