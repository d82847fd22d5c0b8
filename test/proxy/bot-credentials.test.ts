import { credentialsFrom } from '../../src/proxy/bot-credentials';

describe('credentialsFrom', () => {
  const id = '123456789012345678';
  const token = `${Buffer.from(id).toString('base64')}.GhIjKl.secret-part`;

  it('reads Bot, Bearer and bare tokens', () => {
    expect(credentialsFrom(`Bot ${token}`)).toMatchObject({ prefix: 'Bot', token, label: id });
    expect(credentialsFrom(`bot   ${token} `)).toMatchObject({ prefix: 'Bot', token });
    expect(credentialsFrom(token)).toMatchObject({ prefix: 'Bot', token });
    expect(credentialsFrom('Bearer oauth-access')).toMatchObject({ prefix: 'Bearer', token: 'oauth-access' });
  });

  it('keys state by a hash of the whole token, so a made-up token claiming the same id gets its own', () => {
    const real = credentialsFrom(`Bot ${token}`)!;
    const forged = credentialsFrom(`Bot ${Buffer.from(id).toString('base64')}.forged.token`)!;
    expect(forged.label).toBe(real.label);
    expect(forged.key).not.toBe(real.key);
    expect(real.key).not.toContain('secret');
    expect(credentialsFrom(`Bot ${token}`)!.key).toBe(real.key);
  });

  it('labels tokens without a readable id by their key, and reads nothing from an empty header', () => {
    const opaque = credentialsFrom('Bot opaque')!;
    expect(opaque.label).toBe(opaque.key);
    expect(credentialsFrom(undefined)).toBeUndefined();
    expect(credentialsFrom('   ')).toBeUndefined();
    expect(credentialsFrom('Bot two words')).toBeUndefined();
  });
});
