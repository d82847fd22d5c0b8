import 'reflect-metadata';
import { CommandDefinitionError } from '../command-errors';
import { CustomId } from '../custom-id';

/** `@Modal(...)`: the modal a form class is shown as. */
export interface ModalConfig {
  /** Custom id or pattern (`'feedback:{ticketId}'`) shared with the `@ModalSubmit` handler. */
  customId: string | CustomId;
  /** Shown at the top of the modal; Discord allows 1-45 characters. */
  title: string;
}

/** `@Field(...)`: one text input of the modal. */
export interface FieldConfig {
  label: string;
  /** `'short'` (one line, the default) or `'paragraph'`. */
  style?: 'short' | 'paragraph';
  /** Custom id of the input. Defaults to the property name. */
  customId?: string;
  placeholder?: string;
  /** Defaults to `true`, as in Discord. */
  required?: boolean;
  minLength?: number;
  maxLength?: number;
}

export interface FieldMetadata {
  readonly property: string;
  readonly customId: string;
  readonly config: FieldConfig;
}

export interface ModalMetadata {
  readonly customId: CustomId;
  readonly title: string;
}

const MODAL = Symbol('ovenjs:modal');
const FIELDS = Symbol('ovenjs:modal-fields');

/**
 * Makes a class a modal form: `ctx.showModal(FeedbackForm)` shows it, and a `@ModalSubmit`
 * handler receives the answers as a validated instance with `@Fields()`.
 *
 * @example
 * ```ts
 * @Modal({ customId: 'feedback', title: 'Send feedback' })
 * class FeedbackForm {
 *   @Field({ label: 'What went well?', style: 'paragraph', maxLength: 1000 })
 *   praise!: string;
 * }
 * ```
 */
export function Modal(config: ModalConfig): ClassDecorator {
  const customId = typeof config.customId === 'string' ? new CustomId(config.customId) : config.customId;
  return (target) => {
    const metadata: ModalMetadata = { customId, title: config.title };
    Reflect.defineMetadata(MODAL, metadata, target);
  };
}

/**
 * One text input of a `@Modal` class. Values arrive as strings; add class-validator rules (and a
 * class-transformer `@Type`/`@Transform` for other types) on the same property.
 *
 * @example
 * ```ts
 * @Field({ label: 'Rating from 1 to 5', maxLength: 1 })
 * @Matches(/^[1-5]$/)
 * rating!: string;
 * ```
 */
export function Field(config: FieldConfig): PropertyDecorator {
  return (prototype, property) => {
    const target = prototype.constructor;
    if (typeof property !== 'string') {
      throw new CommandDefinitionError(`@Field on a symbol property of ${target.name}: use a named property.`);
    }
    const own: FieldMetadata[] = Reflect.getOwnMetadata(FIELDS, target) ?? [];
    Reflect.defineMetadata(FIELDS, [...own, { property, customId: config.customId ?? property, config }], target);
  };
}

export function getModalMetadata(target: Function): ModalMetadata | undefined {
  return Reflect.getMetadata(MODAL, target) as ModalMetadata | undefined;
}

/** Fields of a modal class, base classes first, in declaration order. */
export function getFieldMetadata(target: Function): readonly FieldMetadata[] {
  const result: FieldMetadata[] = [];
  for (let current: unknown = target; typeof current === 'function' && current !== Function.prototype; ) {
    const own: FieldMetadata[] | undefined = Reflect.getOwnMetadata(FIELDS, current);
    if (own !== undefined) result.unshift(...own);
    current = Object.getPrototypeOf(current);
  }
  return result;
}
