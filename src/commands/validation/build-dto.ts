import type { ClassConstructor } from 'class-transformer';
import { plainToInstance } from 'class-transformer';
import type { ValidationError } from 'class-validator';
import { validate } from 'class-validator';
import type { InputFailure } from './input-failure';
import { usesClassTransformer } from './uses-class-transformer';

/** The outcome of turning raw values into a DTO instance: the instance, or what was wrong. */
export type DtoResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failures: readonly InputFailure[] };

/**
 * Builds a DTO instance with class-transformer (so `@Type`/`@Transform` apply), then runs its
 * class-validator rules. `names` maps properties to the names the user saw, so that messages say
 * `amount` and not `maxAmount`.
 */
export async function buildDto<T extends object>(
  dto: ClassConstructor<T>,
  plain: object,
  names: ReadonlyMap<string, string>,
): Promise<DtoResult<T>> {
  // plainToInstance deep-copies every value (a resolved member, a user) and was a quarter of the
  // routing time in bench/commands; a DTO without class-transformer decorators gets the same
  // result from `new` (defaults kept) plus a shallow assign.
  const instance = usesClassTransformer(dto, names.keys()) ? plainToInstance(dto, plain, { exposeDefaultValues: true }) : Object.assign(new dto(), plain);
  // Required options and fields were checked before this point, so an absent value here is an
  // optional one left empty: its rules (say @IsInt) should not fire without @IsOptional.
  const errors = await validate(instance, {
    forbidUnknownValues: false,
    skipUndefinedProperties: true,
    validationError: { target: false, value: false },
  });
  if (errors.length === 0) return { ok: true, value: instance };
  const failures: InputFailure[] = [];
  for (const error of errors) collect(error, '', names, failures);
  return { ok: false, failures };
}

function collect(error: ValidationError, prefix: string, names: ReadonlyMap<string, string>, into: InputFailure[]): void {
  const property = prefix === '' ? error.property : `${prefix}.${error.property}`;
  const constraints = Object.values(error.constraints ?? {});
  if (constraints.length > 0) {
    const shown = names.get(property) ?? property;
    into.push({
      name: shown,
      property,
      // class-validator starts messages with the property name; the user knows the option by its name.
      messages: constraints.map((m) => (m.startsWith(`${error.property} `) ? m.slice(error.property.length + 1) : m)),
    });
  }
  for (const child of error.children ?? []) collect(child, property, names, into);
}
