import type { APISelectMenuOption, APIStringSelectComponent } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import { checkCount, checkLength } from './check-length';
import { COMPONENT_LIMITS } from './limits';
import { validateSelect } from './validate-components';

/**
 * Builds a string select menu, checking the custom id, placeholder, the 25-option limit and each
 * option's label, value and description.
 *
 * @example
 * ```ts
 * new StringSelectBuilder().setCustomId('colour').addOptions({ label: 'Red', value: 'red' }, { label: 'Blue', value: 'blue' });
 * ```
 */
export class StringSelectBuilder {
  private customId = '';
  private placeholder: string | undefined;
  private minValues: number | undefined;
  private maxValues: number | undefined;
  private disabled = false;
  private readonly options: APISelectMenuOption[] = [];

  public setCustomId(customId: string): this {
    checkLength(customId, COMPONENT_LIMITS.customId, 'component.customId', 'select.custom_id', 1);
    this.customId = customId;
    return this;
  }

  public setPlaceholder(placeholder: string): this {
    checkLength(placeholder, COMPONENT_LIMITS.selectPlaceholder, 'select.placeholder', 'select.placeholder');
    this.placeholder = placeholder;
    return this;
  }

  /** How many options the user may pick (Discord's default is exactly one). */
  public setValueRange(min: number, max: number): this {
    this.minValues = min;
    this.maxValues = max;
    return this;
  }

  public setDisabled(disabled = true): this {
    this.disabled = disabled;
    return this;
  }

  public addOptions(...options: APISelectMenuOption[]): this {
    checkCount(this.options.length + options.length, COMPONENT_LIMITS.selectOptions, 'select.options', 'select.options', 'options');
    this.options.push(...options.map((o) => ({ ...o })));
    return this;
  }

  public toJSON(): APIStringSelectComponent {
    const json: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: this.customId,
      options: this.options.map((o) => ({ ...o })),
      ...(this.placeholder === undefined ? {} : { placeholder: this.placeholder }),
      ...(this.minValues === undefined ? {} : { min_values: this.minValues }),
      ...(this.maxValues === undefined ? {} : { max_values: this.maxValues }),
      ...(this.disabled ? { disabled: true } : {}),
    };
    validateSelect(json);
    return json;
  }
}
