import { Exclude, Expose, Transform, Type } from 'class-transformer';
import { IsInt, Max } from 'class-validator';
import { buildDto } from '../../../src/commands/validation/build-dto';
import { usesClassTransformer } from '../../../src/commands/validation/uses-class-transformer';

class Plain {
  @Max(10)
  amount = 1;

  note?: string;

  target?: { id: string };
}

class Transformed {
  @Transform(({ value }) => Number(value))
  @IsInt()
  rating!: number;
}

class Nested {
  id!: string;
}

class Typed {
  @Type(() => Nested)
  nested!: Nested;
}

@Exclude()
class ClassLevel {
  @Expose()
  shown!: string;
}

class InheritsTransform extends Transformed {
  extra?: string;
}

describe('buildDto', () => {
  it('builds a DTO without class-transformer decorators by `new` and assign: defaults kept, an instance, values by reference', async () => {
    const target = { id: '1' };
    const built = await buildDto(Plain, { note: 'hi', target }, new Map([['amount', 'amount'], ['note', 'note'], ['target', 'target']]));
    expect(built.ok).toBe(true);
    const value = (built as { value: Plain }).value;
    expect(value).toBeInstanceOf(Plain);
    expect(value).toEqual(Object.assign(new Plain(), { note: 'hi', target }));
    expect(value.amount).toBe(1);
    expect(value.target).toBe(target);
  });

  it('still validates on that path', async () => {
    const built = await buildDto(Plain, { amount: 11 }, new Map([['amount', 'how-many']]));
    expect(built).toEqual({ ok: false, failures: [{ name: 'how-many', property: 'amount', messages: ['must not be greater than 10'] }] });
  });

  it('runs class-transformer when a property has @Transform (also inherited) or @Type', async () => {
    expect(await buildDto(Transformed, { rating: '4' }, new Map([['rating', 'Rating']]))).toMatchObject({ ok: true, value: { rating: 4 } });
    expect(await buildDto(InheritsTransform, { rating: '5' }, new Map([['rating', 'Rating'], ['extra', 'extra']]))).toMatchObject({ ok: true, value: { rating: 5 } });
    const typed = await buildDto(Typed, { nested: { id: '7' } }, new Map([['nested', 'nested']]));
    expect((typed as { value: Typed }).value.nested).toBeInstanceOf(Nested);
  });

  it('detects class-level @Exclude/@Expose strategies', () => {
    expect(usesClassTransformer(ClassLevel, ['shown'])).toBe(true);
    expect(usesClassTransformer(Plain, ['amount', 'note', 'target'])).toBe(false);
    expect(usesClassTransformer(Transformed, ['rating'])).toBe(true);
  });
});
