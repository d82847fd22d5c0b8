import type { APIRole, APIUser } from 'discord-api-types/v10';
import type { CustomIdParams, InteractionMember, Mentionable } from '../../src/commands';
import { CustomId, Option } from '../../src/commands';

// These declarations are checked by `npm run typecheck`: each @ts-expect-error line must stay an
// error, so a regression in the typed decorators fails the typecheck.
export class Typed {
  @Option({ type: 'user', description: 'd', required: true })
  user!: APIUser;

  @Option({ type: 'member', description: 'd' })
  member?: InteractionMember;

  @Option({ type: 'role', description: 'd' })
  role?: APIRole;

  @Option({ type: 'mentionable', description: 'd' })
  who?: Mentionable;

  @Option({ type: 'integer', description: 'd', minValue: 1 })
  count?: number;

  // @ts-expect-error a user option cannot land on a number property
  @Option({ type: 'user', description: 'd' })
  wrong?: number;

  // @ts-expect-error minLength is for string options only
  @Option({ type: 'integer', description: 'd', minLength: 2 })
  misconfigured?: number;
}

describe('typed option and custom-id declarations', () => {
  it('infers custom-id parameter types from the pattern', () => {
    const pattern = new CustomId('t:{id:int}:{name}');
    const params: CustomIdParams<'t:{id:int}:{name}'> | undefined = pattern.match('t:5:bob');
    const id: number | undefined = params?.id;
    const name: string | undefined = params?.name;
    expect([id, name]).toEqual([5, 'bob']);
    // @ts-expect-error id must be a number
    expect(() => pattern.build({ id: 'x', name: 'n' })).toThrow(/safe integer/);
  });
});
