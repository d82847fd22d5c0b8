import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import {
  ActionRowBuilder,
  BuilderLimitError,
  ButtonBuilder,
  ModalBuilder,
  StringSelectBuilder,
  validateComponents,
} from '../../src/builders';

function limitOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof BuilderLimitError) return `${error.limit} @ ${error.path}`;
    throw error;
  }
  throw new Error('expected a BuilderLimitError');
}

const button = (id: string) => new ButtonBuilder().setStyle('primary').setLabel(id).setCustomId(id);

describe('ButtonBuilder', () => {
  it('builds custom-id and link buttons', () => {
    expect(button('a').toJSON()).toEqual({ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'a', custom_id: 'a' });
    expect(new ButtonBuilder().setLabel('Docs').setURL('https://example.com').toJSON()).toEqual({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: 'Docs',
      url: 'https://example.com',
    });
  });

  it('names the limit broken', () => {
    expect(limitOf(() => new ButtonBuilder().setCustomId('x'.repeat(101)))).toBe('component.customId @ button.custom_id');
    expect(limitOf(() => new ButtonBuilder().setLabel('x'.repeat(81)))).toBe('button.label @ button.label');
    expect(limitOf(() => new ButtonBuilder().setLabel('no id').toJSON())).toBe('button.customId @ button.custom_id');
    expect(limitOf(() => new ButtonBuilder().setCustomId('id').toJSON())).toBe('button.label @ button');
    // Discord refuses a custom id on a link button (it sends no interaction).
    expect(limitOf(() => new ButtonBuilder().setLabel('Docs').setCustomId('docs').setURL('https://example.com').toJSON())).toBe(
      'button.customId @ button.custom_id',
    );
  });
});

describe('ActionRowBuilder and validateComponents', () => {
  it('refuses a sixth button in a row', () => {
    const row = new ActionRowBuilder().addComponents(...['a', 'b', 'c', 'd', 'e', 'f'].map(button));
    expect(limitOf(() => row.toJSON())).toBe('actionRow.components @ actionRow[0].components');
  });

  it('refuses a sixth action row and duplicate custom ids', () => {
    const rows = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => new ActionRowBuilder().addComponents(button(id)).toJSON());
    expect(limitOf(() => validateComponents(rows))).toBe('message.actionRows @ components');
    expect(limitOf(() => validateComponents([rows[0]!, rows[0]!]))).toBe('component.customId.unique @ components[1].components[0].custom_id');
    expect(() => validateComponents(rows.slice(0, 5))).not.toThrow();
    const link = { type: ComponentType.Button, style: ButtonStyle.Link, label: 'Docs', url: 'https://example.com', custom_id: 'docs' } as const;
    expect(limitOf(() => validateComponents([{ type: ComponentType.ActionRow, components: [link as never] }]))).toBe(
      'button.customId @ components[0].components[0].custom_id',
    );
  });

  it('keeps a select menu alone in its row', () => {
    const select = new StringSelectBuilder().setCustomId('pick').addOptions({ label: 'A', value: 'a' });
    expect(limitOf(() => new ActionRowBuilder().addComponents(select, button('b')).toJSON())).toBe('actionRow.select @ actionRow[0].components');
  });
});

describe('StringSelectBuilder', () => {
  it('checks options', () => {
    const many = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `v${i}` }));
    expect(limitOf(() => new StringSelectBuilder().setCustomId('s').addOptions(...many))).toBe('select.options @ select.options');
    expect(limitOf(() => new StringSelectBuilder().setCustomId('s').addOptions({ label: 'x'.repeat(101), value: 'v' }).toJSON())).toBe(
      'select.option.label @ select.options[0].label',
    );
    expect(limitOf(() => new StringSelectBuilder().setCustomId('s').addOptions({ label: 'a', value: 'v' }, { label: 'b', value: 'v' }).toJSON())).toBe(
      'select.option.value.unique @ select.options[1].value',
    );
    expect(limitOf(() => new StringSelectBuilder().setCustomId('s').addOptions({ label: 'a', value: 'a' }).setValueRange(1, 2).toJSON())).toBe(
      'select.maxValues @ select.max_values',
    );
    expect(limitOf(() => new StringSelectBuilder().addOptions({ label: 'a', value: 'a' }).toJSON())).toBe('component.customId @ select.custom_id');
  });
});

describe('ModalBuilder', () => {
  it('builds one action row per text input', () => {
    const json = new ModalBuilder('feedback', 'Feedback').addTextInput({ customId: 'text', label: 'Text', style: 'paragraph', maxLength: 500 }).toJSON();
    expect(json).toEqual({
      custom_id: 'feedback',
      title: 'Feedback',
      components: [{ type: 1, components: [{ type: 4, custom_id: 'text', label: 'Text', style: 2, max_length: 500 }] }],
    });
  });

  it('names the limit broken', () => {
    expect(limitOf(() => new ModalBuilder('m', 'x'.repeat(46)))).toBe('modal.title @ modal.title');
    const five = new ModalBuilder('m', 'M');
    for (let i = 0; i < 5; i += 1) five.addTextInput({ customId: `f${i}`, label: 'L' });
    expect(limitOf(() => five.addTextInput({ customId: 'f5', label: 'L' }))).toBe('modal.components @ modal.components');
    expect(limitOf(() => new ModalBuilder('m', 'M').addTextInput({ customId: 'a', label: 'x'.repeat(46) }))).toBe('textInput.label @ modal.components[0].label');
    expect(limitOf(() => new ModalBuilder('m', 'M').addTextInput({ customId: 'a', label: 'L', maxLength: 4001 }))).toBe(
      'textInput.maxLength @ modal.components[0].max_length',
    );
    expect(limitOf(() => new ModalBuilder('m', 'M').toJSON())).toBe('modal.components @ modal.components');
  });
});
