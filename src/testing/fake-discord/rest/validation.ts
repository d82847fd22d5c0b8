import { parseIsoTime } from '../world/iso-time';
import { FORM_CODES } from './form-error-codes';
import { FormErrorCollector } from './form-errors';

/** A field rule; `required` is read by the enclosing object. */
export type ValidationSchema = (
  | { readonly kind: 'string'; readonly min?: number; readonly max?: number; readonly pattern?: RegExp; readonly patternMessage?: string; readonly format?: 'date-time' }
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'number'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'snowflake' }
  | { readonly kind: 'choice'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'array'; readonly items: ValidationSchema; readonly min?: number; readonly max?: number; readonly unique?: boolean }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, ValidationSchema>> }
  | { readonly kind: 'any' }
) & { readonly required?: boolean; readonly nullable?: boolean };

const SNOWFLAKE = /^(0|[1-9][0-9]{0,19})$/;

function lengthMessage(min: number | undefined, max: number | undefined, length: number): { code: string; message: string } | undefined {
  if (min !== undefined && max !== undefined && (length < min || length > max)) {
    return { code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${min} and ${max} in length.` };
  }
  if (max !== undefined && length > max) return { code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
  if (min !== undefined && length < min) return { code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` };
  return undefined;
}

/**
 * Checks a request body the way Discord's form validation reports it: every bad field, each at
 * its path, with Discord's error codes (`BASE_TYPE_REQUIRED`, `BASE_TYPE_MAX_LENGTH`, ...).
 * Unknown fields are ignored, as Discord does.
 *
 * @example
 * ```ts
 * const errors = validate(body, { kind: 'object', fields: { name: { kind: 'string', required: true, min: 1, max: 100 } } });
 * ```
 */
export function validate(value: unknown, schema: ValidationSchema, errors = new FormErrorCollector(), path: (string | number)[] = []): FormErrorCollector {
  if (value === null && schema.nullable === true) return errors;
  if (value === undefined) return errors;
  const add = (code: string, message: string): void => errors.add(path, code, message);
  switch (schema.kind) {
    case 'any':
      return errors;
    case 'string': {
      if (typeof value !== 'string') {
        add('BASE_TYPE_STRING', `Could not interpret "${String(JSON.stringify(value))}" as string.`);
        return errors;
      }
      const bad = lengthMessage(schema.min, schema.max, [...value].length);
      if (bad !== undefined) add(bad.code, bad.message);
      else if (schema.pattern !== undefined && !schema.pattern.test(value)) add('STRING_TYPE_REGEX', schema.patternMessage ?? `String value did not match validation regex.`);
      else if (schema.format === 'date-time' && Number.isNaN(parseIsoTime(value))) add(FORM_CODES.timeParse, `Could not parse ${value}. Should be ISO8601.`);
      return errors;
    }
    case 'integer':
    case 'number': {
      const isNumber = typeof value === 'number' && Number.isFinite(value) && (schema.kind === 'number' || Number.isInteger(value));
      if (!isNumber) {
        add('NUMBER_TYPE_COERCE', `Value "${String(value)}" is not ${schema.kind === 'integer' ? 'int' : 'float'}.`);
        return errors;
      }
      const label = schema.kind === 'integer' ? 'int' : 'float';
      if (schema.max !== undefined && value > schema.max) add('NUMBER_TYPE_MAX', `${label} value should be less than or equal to ${schema.max}.`);
      if (schema.min !== undefined && value < schema.min) add('NUMBER_TYPE_MIN', `${label} value should be greater than or equal to ${schema.min}.`);
      return errors;
    }
    case 'boolean':
      if (typeof value !== 'boolean') add('BASE_TYPE_BOOLEAN', 'Must be either true or false.');
      return errors;
    case 'snowflake':
      if ((typeof value !== 'string' && typeof value !== 'number') || !SNOWFLAKE.test(String(value))) add('NUMBER_TYPE_COERCE', `Value "${String(value)}" is not snowflake.`);
      return errors;
    case 'choice':
      if (!schema.values.includes(value as string | number)) add('BASE_TYPE_CHOICES', `Value must be one of {${schema.values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ')}}.`);
      return errors;
    case 'array': {
      if (!Array.isArray(value)) {
        add('LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
        return errors;
      }
      const bad = lengthMessage(schema.min, schema.max, value.length);
      if (bad !== undefined) {
        add(bad.code, bad.message);
        return errors;
      }
      value.forEach((item, index) => validate(item, schema.items, errors, [...path, index]));
      // The oracle's uniqueItems: reported once, on the list, naming the first repeat.
      if (schema.unique === true) {
        const repeat = value.find((item, index) => value.indexOf(item) !== index);
        if (repeat !== undefined) add(FORM_CODES.badValue, `Items must be unique; ${JSON.stringify(repeat)} appears more than once.`);
      }
      return errors;
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        add('MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
        return errors;
      }
      const record = value as Record<string, unknown>;
      for (const [key, field] of Object.entries(schema.fields)) {
        const fieldValue = record[key];
        // Discord reads an explicit null on an optional field as "not set" (or "reset").
        if (fieldValue === undefined || (fieldValue === null && field.nullable !== true)) {
          if (field.required === true) errors.add([...path, key], 'BASE_TYPE_REQUIRED', 'This field is required');
          continue;
        }
        validate(fieldValue, field, errors, [...path, key]);
      }
      return errors;
    }
  }
}
