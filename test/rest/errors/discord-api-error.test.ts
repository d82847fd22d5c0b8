import { OvenError } from '../../../src/errors';
import { DiscordAPIError } from '../../../src/rest';
import { flattenDiscordErrors } from '../../../src/rest/errors/flatten-errors';

describe('DiscordAPIError', () => {
  const body = {
    code: 50035,
    message: 'Invalid Form Body',
    errors: {
      content: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] },
      embeds: {
        '0': {
          title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] },
          fields: { '2': { name: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } } },
        },
      },
      _errors: [{ code: 'APPLICATION_COMMAND_TOO_LARGE', message: 'Command exceeds maximum size (8000)' }],
    },
  };

  it('flattens the errors tree into readable lines with array indices', () => {
    expect(flattenDiscordErrors(body.errors)).toEqual([
      'content: This field is required',
      'embeds[0].title: Must be 256 or fewer in length.',
      'embeds[0].fields[2].name: This field is required',
      'Command exceeds maximum size (8000)',
    ]);
  });

  it('carries status, Discord code, method, path and the lines in its message', () => {
    const error = new DiscordAPIError(body, 400, 'POST', '/api/v10/channels/1/messages');
    expect(error).toBeInstanceOf(OvenError);
    expect(error.code).toBe('OVEN_ERR_REST_DISCORD_API');
    expect(error.discordCode).toBe(50035);
    expect(error.status).toBe(400);
    expect(error.method).toBe('POST');
    expect(error.path).toBe('/api/v10/channels/1/messages');
    expect(error.rawMessage).toBe('Invalid Form Body');
    expect(error.message).toContain('embeds[0].title: Must be 256 or fewer in length.');
    expect(error.message).toContain('POST /api/v10/channels/1/messages');
  });

  it('handles a body without errors', () => {
    const error = new DiscordAPIError({ code: 0, message: '401: Unauthorized' }, 401, 'GET', '/api/v10/users/@me');
    expect(error.errors).toEqual([]);
    expect(error.message).toContain('Check the token');
  });
});
