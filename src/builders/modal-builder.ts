import type { APIModalInteractionResponseCallbackData, APITextInputComponent } from 'discord-api-types/v10';
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import { BuilderLimitError } from './builder-errors';
import { checkCount, checkLength } from './check-length';
import { COMPONENT_LIMITS } from './limits';

/** One text input of a modal, in the shape `ModalBuilder.addTextInput` takes. */
export interface TextInputSpec {
  customId: string;
  label: string;
  style?: 'short' | 'paragraph';
  placeholder?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  /** Pre-filled text. */
  value?: string;
}

/**
 * Builds a modal of text inputs: title at most 45 characters, at most 5 inputs, unique custom
 * ids, labels at most 45, lengths within 0-4000. (`@Modal` classes build theirs with this.)
 *
 * @example
 * ```ts
 * const modal = new ModalBuilder('feedback', 'Send feedback')
 *   .addTextInput({ customId: 'text', label: 'Your thoughts', style: 'paragraph' })
 *   .toJSON();
 * ```
 */
export class ModalBuilder {
  private readonly inputs: APITextInputComponent[] = [];

  public constructor(
    private readonly customId: string,
    private readonly title: string,
  ) {
    checkLength(customId, COMPONENT_LIMITS.customId, 'component.customId', 'modal.custom_id', 1);
    checkLength(title, COMPONENT_LIMITS.modalTitle, 'modal.title', 'modal.title', 1);
  }

  public addTextInput(spec: TextInputSpec): this {
    const path = `modal.components[${this.inputs.length}]`;
    checkCount(this.inputs.length + 1, COMPONENT_LIMITS.modalComponents, 'modal.components', 'modal.components', 'inputs');
    checkLength(spec.customId, COMPONENT_LIMITS.customId, 'component.customId', `${path}.custom_id`, 1);
    if (this.inputs.some((i) => i.custom_id === spec.customId)) {
      throw new BuilderLimitError('component.customId.unique', `${path}.custom_id`, `"${spec.customId}" is used by another input; custom ids must be unique in a modal.`);
    }
    checkLength(spec.label, COMPONENT_LIMITS.textInputLabel, 'textInput.label', `${path}.label`, 1);
    if (spec.placeholder !== undefined) {
      checkLength(spec.placeholder, COMPONENT_LIMITS.textInputPlaceholder, 'textInput.placeholder', `${path}.placeholder`);
    }
    const max = COMPONENT_LIMITS.textInputLength;
    if (spec.minLength !== undefined && !(Number.isInteger(spec.minLength) && spec.minLength >= 0 && spec.minLength <= max)) {
      throw new BuilderLimitError('textInput.minLength', `${path}.min_length`, `${spec.minLength} must be an integer from 0 to ${max}.`);
    }
    if (spec.maxLength !== undefined && !(Number.isInteger(spec.maxLength) && spec.maxLength >= 1 && spec.maxLength <= max)) {
      throw new BuilderLimitError('textInput.maxLength', `${path}.max_length`, `${spec.maxLength} must be an integer from 1 to ${max}.`);
    }
    if (spec.minLength !== undefined && spec.maxLength !== undefined && spec.minLength > spec.maxLength) {
      throw new BuilderLimitError('textInput.minLength', `${path}.min_length`, `min_length ${spec.minLength} is greater than max_length ${spec.maxLength}.`);
    }
    if (spec.value !== undefined) checkLength(spec.value, spec.maxLength ?? max, 'textInput.value', `${path}.value`);
    this.inputs.push({
      type: ComponentType.TextInput,
      custom_id: spec.customId,
      label: spec.label,
      style: spec.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
      ...(spec.placeholder === undefined ? {} : { placeholder: spec.placeholder }),
      ...(spec.required === undefined ? {} : { required: spec.required }),
      ...(spec.minLength === undefined ? {} : { min_length: spec.minLength }),
      ...(spec.maxLength === undefined ? {} : { max_length: spec.maxLength }),
      ...(spec.value === undefined ? {} : { value: spec.value }),
    });
    return this;
  }

  public toJSON(): APIModalInteractionResponseCallbackData {
    checkCount(this.inputs.length, COMPONENT_LIMITS.modalComponents, 'modal.components', 'modal.components', 'inputs', 1);
    // One text input per action row: the layout every Discord client renders.
    return {
      custom_id: this.customId,
      title: this.title,
      components: this.inputs.map((input) => ({ type: ComponentType.ActionRow, components: [{ ...input }] })),
    } as APIModalInteractionResponseCallbackData;
  }
}
