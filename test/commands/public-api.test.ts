import { IsIn } from 'class-validator';
import { Transform } from 'class-transformer';
import {
  ActionRowBuilder,
  Button,
  ButtonBuilder,
  Command,
  CommandRouter,
  Ctx,
  CustomId,
  EmbedBuilder,
  Field,
  Fields,
  Modal,
  ModalSubmit,
  Option,
  Options,
  Param,
  type CommandContext,
  type ComponentContext,
  type InteractionMember,
  type ModalContext,
} from '../../src';
import { BOB, RecordingRest, button, modalSubmit, slash } from './interaction-fixtures';

// The bot from docs/commands.md, written against the package's root export only.
const CloseTicket = new CustomId('ticket:close:{id:int}');

class GiveOptions {
  @Option({ type: 'member', description: 'Who gets the coins', required: true })
  target!: InteractionMember;

  @Option({ type: 'integer', description: 'How many', required: true, minValue: 1, maxValue: 100 })
  amount!: number;
}

@Modal({ customId: 'feedback:{topic}', title: 'Feedback' })
class FeedbackForm {
  @Field({ label: 'Rating (1-5)', maxLength: 1 })
  @Transform(({ value }) => Number(value))
  @IsIn([1, 2, 3, 4, 5])
  rating!: number;
}

class DocsBot {
  @Command({ name: 'ping', description: 'Check the bot is alive' })
  ping() {
    return 'Pong!';
  }

  @Command({ name: 'give', description: 'Give coins to a member' })
  give(@Options() options: GiveOptions, @Ctx() ctx: CommandContext) {
    return ctx.reply({ embeds: [new EmbedBuilder().setTitle(`Gave ${options.amount} coins to ${options.target.user.username}`)] });
  }

  @Command({ name: 'ticket', description: 'Open a ticket' })
  open(@Ctx() ctx: CommandContext) {
    const close = new ButtonBuilder().setStyle('danger').setLabel('Close').setCustomId(CloseTicket.build({ id: 42 }));
    return ctx.reply({ content: 'Ticket #42', components: [new ActionRowBuilder().addComponents(close)] });
  }

  @Button(CloseTicket)
  close(@Param('id') id: number, @Ctx() ctx: ComponentContext) {
    return ctx.update({ content: `Ticket #${id} closed`, components: [] });
  }

  @ModalSubmit('feedback:{topic}')
  save(@Fields() form: FeedbackForm, @Param('topic') topic: string, @Ctx() ctx: ModalContext) {
    return ctx.reply({ content: `${topic}: ${form.rating}/5`, ephemeral: true });
  }
}

describe('the public API as documented', () => {
  it('runs the documented bot end to end', async () => {
    const rest = new RecordingRest();
    const router = new CommandRouter({ rest }).register([DocsBot]);
    expect(router.catalog.commands.map((c) => c.json.name)).toEqual(['ping', 'give', 'ticket']);
    await router.handle(slash('ping'));
    await router.handle(
      slash('give', [{ name: 'target', type: 6, value: BOB.id }, { name: 'amount', type: 4, value: 3 }], {
        users: { [BOB.id]: BOB },
        members: { [BOB.id]: { roles: [], permissions: '0', joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 } },
      } as never),
    );
    await router.handle(slash('ticket'));
    await router.handle(button('ticket:close:42'));
    await router.handle(modalSubmit('feedback:docs', { rating: '5' }));
    const data = rest.calls.map((c) => (c.kind === 'callback' ? c.body : undefined));
    expect(data).toEqual([
      { type: 4, data: { content: 'Pong!' } },
      { type: 4, data: { embeds: [{ title: 'Gave 3 coins to bob' }] } },
      { type: 4, data: { content: 'Ticket #42', components: [{ type: 1, components: [{ type: 2, style: 4, label: 'Close', custom_id: 'ticket:close:42' }] }] } },
      { type: 7, data: { content: 'Ticket #42 closed', components: [] } },
      { type: 4, data: { content: 'docs: 5/5', flags: 64 } },
    ]);
  });
});
