import { CustomId, CustomIdError } from '../../src/commands';

describe('CustomId', () => {
  it('builds and parses typed parameters', () => {
    const close = new CustomId('ticket:close:{id:int}');
    expect(close.build({ id: 42 })).toBe('ticket:close:42');
    expect(close.match('ticket:close:42')).toEqual({ id: 42 });
    expect(close.match('ticket:close:abc')).toBeUndefined();
    expect(close.match('ticket:open:42')).toBeUndefined();
    expect(close.match('ticket:close:42:extra')).toBeUndefined();
  });

  it('parses several string parameters and snowflakes', () => {
    const pattern = new CustomId('role:{action}:{roleId:snowflake}');
    expect(pattern.parameterNames).toEqual(['action', 'roleId']);
    expect(pattern.match('role:add:123456789012345678')).toEqual({ action: 'add', roleId: '123456789012345678' });
    expect(pattern.match('role:add:12')).toBeUndefined();
  });

  it('treats regex characters in the pattern literally', () => {
    const pattern = new CustomId('a.b+{x}');
    expect(pattern.match('a.b+1')).toEqual({ x: '1' });
    expect(pattern.match('axb+1')).toBeUndefined();
  });

  it('refuses malformed patterns with a coded error', () => {
    for (const bad of ['ticket:{id', 'ticket:id}', '{a}{b}', 'x:{id:float}', 'x:{1d}', 'x:{id}:{id}', '']) {
      expect(() => new CustomId(bad)).toThrow(CustomIdError);
    }
  });

  it('refuses ids over 100 characters, missing parameters and values that would not parse back', () => {
    const pattern = new CustomId('p:{a}:{b}');
    expect(pattern.build({ a: 'x'.repeat(96), b: 'y' })).toHaveLength(100);
    expect(() => pattern.build({ a: 'x'.repeat(97), b: 'y' })).toThrow(/101 characters; Discord allows 100/);
    expect(() => pattern.format({ a: 'x' })).toThrow(/parameter "b" is missing/);
    expect(() => pattern.build({ a: 'x:y', b: 'z' })).toThrow(/would not parse back/);
    expect(() => new CustomId('n:{v:int}').format({ v: 1.5 })).toThrow(/safe integer/);
    // A wrong value is named as such, not blamed on a separator.
    expect(() => new CustomId('r:{id:snowflake}').format({ id: 'everyone' })).toThrow(/parameter "id" must be a snowflake .*got everyone/);
  });

  it('has no-argument build for fixed ids', () => {
    expect(new CustomId('feedback').build()).toBe('feedback');
    expect(new CustomId('feedback').isStatic).toBe(true);
  });
});
