import { randomInt } from 'node:crypto';
import type { APIUser } from 'discord-api-types/v10';
import {
  ActionRowBuilder,
  Button,
  ButtonBuilder,
  Command,
  Cooldown,
  Ctx,
  CustomId,
  Fields,
  Injectable,
  ModalSubmit,
  Options,
  Param,
  UseGuards,
  User,
  type CommandContext,
  type ComponentContext,
  type ModalContext,
} from '../../src';
import { FeedbackForm } from './feedback.form';
import { RollOptions } from './roll-options';

/** One id shared by the button that is sent and the handler that receives its clicks. */
const CloseTicket = new CustomId('ticket:close:{id:int}');

/** The sample's slash commands: plain methods, typed options, a button and a modal. */
@Injectable()
export class FunCommands {
  private nextTicket = 1;

  @Command({ name: 'ping', description: 'Check that the bot is alive' })
  public ping(): string {
    return 'Pong!';
  }

  @Command({ name: 'roll', description: 'Roll some dice' })
  @UseGuards(Cooldown({ per: 'user', limit: 5, windowMs: 10_000 }))
  public roll(@Options() options: RollOptions, @User() user: APIUser): string {
    const count = options.count ?? 1;
    const rolls = Array.from({ length: count }, () => randomInt(1, options.sides + 1));
    const total = rolls.reduce((sum, roll) => sum + roll, 0);
    return `${user.username} rolled ${count}d${options.sides}: ${rolls.join(' + ')} = ${total}`;
  }

  @Command({ name: 'ticket', description: 'Open a support ticket' })
  public async ticket(@Ctx() ctx: CommandContext): Promise<void> {
    const id = this.nextTicket++;
    const close = new ButtonBuilder().setStyle('danger').setLabel('Close ticket').setCustomId(CloseTicket.build({ id }));
    await ctx.reply({ content: `Ticket #${id} is open.`, components: [new ActionRowBuilder().addComponents(close)] });
  }

  @Button(CloseTicket)
  public async closeTicket(@Param('id') id: number, @User() user: APIUser, @Ctx() ctx: ComponentContext): Promise<void> {
    await ctx.update({ content: `Ticket #${id} closed by ${user.username}.`, components: [] });
  }

  @Command({ name: 'feedback', description: 'Tell us what you think' })
  public async feedback(@Ctx() ctx: CommandContext): Promise<void> {
    await ctx.showModal(FeedbackForm, { params: { topic: 'sample' } });
  }

  @ModalSubmit('feedback:{topic}')
  public async saveFeedback(@Fields() form: FeedbackForm, @Param('topic') topic: string, @Ctx() ctx: ModalContext): Promise<void> {
    await ctx.reply({ content: `Thanks! ${form.rating}/5 for ${topic}: "${form.text}"`, ephemeral: true });
  }
}
