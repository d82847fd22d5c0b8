import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { validateComponents } from './validate-components';

/** Anything that turns into a component of a message's action row. */
export interface RowComponentLike {
  toJSON(): APIComponentInMessageActionRow;
}

/**
 * Builds one action row: up to five buttons, or one select menu.
 *
 * @example
 * ```ts
 * const row = new ActionRowBuilder().addComponents(confirmButton, cancelButton).toJSON();
 * await ctx.reply({ content: 'Sure?', components: [row] });
 * ```
 */
export class ActionRowBuilder {
  private readonly components: (RowComponentLike | APIComponentInMessageActionRow)[] = [];

  public addComponents(...components: (RowComponentLike | APIComponentInMessageActionRow)[]): this {
    this.components.push(...components);
    return this;
  }

  public toJSON(): APIActionRowComponent<APIComponentInMessageActionRow> {
    const row: APIActionRowComponent<APIComponentInMessageActionRow> = {
      type: ComponentType.ActionRow,
      components: this.components.map((c) => ('toJSON' in c && typeof c.toJSON === 'function' ? c.toJSON() : (c as APIComponentInMessageActionRow))),
    };
    validateComponents([row], 'actionRow');
    return row;
  }
}
