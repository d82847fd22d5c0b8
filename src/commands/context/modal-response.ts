import type { APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { ModalBuilder } from '../../builders';
import { CommandDefinitionError } from '../command-errors';
import { getFieldMetadata, getModalMetadata } from '../modals/modal.decorators';

/** How to fill a `@Modal` class when showing it. */
export interface ShowModalOptions {
  /** Values for the `{params}` of the modal's custom-id pattern. */
  params?: Record<string, string | number>;
  /** Pre-filled text, by property name. */
  values?: Record<string, string>;
}

/** Modal JSON from a `@Modal` class (checked by `ModalBuilder`), or passed through when already JSON. */
export function modalData(
  modal: Function | APIModalInteractionResponseCallbackData | { toJSON(): APIModalInteractionResponseCallbackData },
  options: ShowModalOptions = {},
): APIModalInteractionResponseCallbackData {
  if (typeof modal !== 'function') return 'toJSON' in modal ? modal.toJSON() : modal;
  const metadata = getModalMetadata(modal);
  if (metadata === undefined) {
    throw new CommandDefinitionError(`${modal.name} is not a modal: add @Modal({ customId, title }) to the class.`);
  }
  const customId = metadata.customId.format(options.params ?? {});
  return formBuilder(modal, customId, metadata.title, options.values).toJSON();
}

/**
 * Builds a `@Modal` class with a stand-in custom id, so a form that breaks a modal limit (title,
 * labels, lengths, 1-5 inputs) fails at start-up rather than when a user first opens it. The
 * custom id's own limit is checked by its `CustomId` pattern.
 */
export function checkModalForm(form: Function, title: string): void {
  formBuilder(form, 'x', title, undefined).toJSON();
}

function formBuilder(form: Function, customId: string, title: string, values: Record<string, string> | undefined): ModalBuilder {
  const builder = new ModalBuilder(customId, title);
  for (const field of getFieldMetadata(form)) {
    const value = values?.[field.property];
    builder.addTextInput({
      customId: field.customId,
      label: field.config.label,
      ...(field.config.style === undefined ? {} : { style: field.config.style }),
      ...(field.config.placeholder === undefined ? {} : { placeholder: field.config.placeholder }),
      ...(field.config.required === undefined ? {} : { required: field.config.required }),
      ...(field.config.minLength === undefined ? {} : { minLength: field.config.minLength }),
      ...(field.config.maxLength === undefined ? {} : { maxLength: field.config.maxLength }),
      ...(value === undefined ? {} : { value }),
    });
  }
  return builder;
}
