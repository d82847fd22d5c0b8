import type { APIModalSubmission } from 'discord-api-types/v10';
import { ComponentType } from 'discord-api-types/v10';
import type { InputFailure } from '../validation/input-failure';
import { getFieldMetadata } from './modal.decorators';

/** Submitted text by custom id, from either layout Discord uses (action rows or labels). */
export function submittedValues(data: APIModalSubmission): Map<string, string> {
  const values = new Map<string, string>();
  for (const component of data.components) {
    if (component.type === ComponentType.ActionRow) {
      for (const input of component.components) values.set(input.custom_id, input.value);
    } else if (component.type === ComponentType.Label) {
      const inner = component.component;
      if ('value' in inner && typeof inner.value === 'string') values.set(inner.custom_id, inner.value);
      else if ('values' in inner) values.set(inner.custom_id, inner.values.join(','));
    }
  }
  return values;
}

/**
 * Reads a submitted modal into `@Field` property values, checking required fields and lengths
 * again (a submission is outside input).
 */
export function readFields(form: Function, data: APIModalSubmission): { plain: Record<string, unknown>; failures: InputFailure[]; names: Map<string, string> } {
  const submitted = submittedValues(data);
  const plain: Record<string, unknown> = {};
  const failures: InputFailure[] = [];
  const names = new Map<string, string>();
  for (const field of getFieldMetadata(form)) {
    names.set(field.property, field.config.label);
    const value = submitted.get(field.customId) ?? '';
    const fail = (message: string): void => {
      failures.push({ name: field.config.label, property: field.property, messages: [message] });
    };
    if (value === '') {
      if (field.config.required !== false) fail('is required');
      continue;
    }
    if (field.config.minLength !== undefined && value.length < field.config.minLength) fail(`must be at least ${field.config.minLength} characters`);
    else if (field.config.maxLength !== undefined && value.length > field.config.maxLength) fail(`must be at most ${field.config.maxLength} characters`);
    else plain[field.property] = value;
  }
  return { plain, failures, names };
}
