import type { APIButtonComponent, APIMessageComponentEmoji } from 'discord-api-types/v10';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { checkLength } from './check-length';
import { COMPONENT_LIMITS } from './limits';
import { validateButton } from './validate-components';

/** Button styles by name; `'link'` buttons take a URL instead of a custom id. */
export type ButtonStyleName = 'primary' | 'secondary' | 'success' | 'danger' | 'link';

const STYLES: Readonly<Record<ButtonStyleName, ButtonStyle>> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
  link: ButtonStyle.Link,
};

/**
 * Builds a button. The custom id (at most 100 characters) and label (80) are checked when set;
 * `toJSON()` checks that the style has what it needs (a URL for links, a custom id otherwise).
 *
 * @example
 * ```ts
 * new ButtonBuilder().setStyle('danger').setLabel('Close').setCustomId(CloseTicket.build({ id: 42 }));
 * ```
 */
export class ButtonBuilder {
  private style: ButtonStyle = ButtonStyle.Secondary;
  private label: string | undefined;
  private customId: string | undefined;
  private url: string | undefined;
  private emoji: APIMessageComponentEmoji | undefined;
  private disabled = false;

  public setStyle(style: ButtonStyleName): this {
    this.style = STYLES[style];
    return this;
  }

  public setLabel(label: string): this {
    checkLength(label, COMPONENT_LIMITS.buttonLabel, 'button.label', 'button.label');
    this.label = label;
    return this;
  }

  public setCustomId(customId: string): this {
    checkLength(customId, COMPONENT_LIMITS.customId, 'component.customId', 'button.custom_id', 1);
    this.customId = customId;
    return this;
  }

  public setURL(url: string): this {
    this.url = url;
    this.style = ButtonStyle.Link;
    return this;
  }

  public setEmoji(emoji: APIMessageComponentEmoji): this {
    this.emoji = emoji;
    return this;
  }

  public setDisabled(disabled = true): this {
    this.disabled = disabled;
    return this;
  }

  public toJSON(): APIButtonComponent {
    const base = {
      type: ComponentType.Button as const,
      ...(this.label === undefined ? {} : { label: this.label }),
      ...(this.emoji === undefined ? {} : { emoji: this.emoji }),
      ...(this.disabled ? { disabled: true } : {}),
    };
    const json = (
      this.style === ButtonStyle.Link
        ? // A custom id set on a link button is kept so validation names it, not silently dropped.
          { ...base, style: ButtonStyle.Link, url: this.url, ...(this.customId === undefined ? {} : { custom_id: this.customId }) }
        : { ...base, style: this.style, custom_id: this.customId }
    ) as APIButtonComponent;
    validateButton(json);
    return json;
  }
}
