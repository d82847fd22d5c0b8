import { BaseHeaders } from '../../src/rest/base-headers';

describe('BaseHeaders', () => {
  it('builds each combination once per token and rebuilds when the token changes', () => {
    const base = new BaseHeaders('DiscordBot (x, 1)', { 'x-proxy': 'p' }, 'Bot');
    const json = base.for('t1', true, true);
    expect(json).toEqual({ 'user-agent': 'DiscordBot (x, 1)', 'x-proxy': 'p', authorization: 'Bot t1', 'content-type': 'application/json' });
    expect(base.for('t1', true, true)).toBe(json);
    expect(base.for('t1', false, false)).toEqual({ 'user-agent': 'DiscordBot (x, 1)', 'x-proxy': 'p' });
    expect(base.for('t2', true, true).authorization).toBe('Bot t2');
    expect(Object.isFrozen(json)).toBe(true);
  });
});
