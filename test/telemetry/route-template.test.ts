import { routeTemplate } from '../../src/telemetry';
import { routeOfUrlPath } from '../../src/telemetry/route-template';

describe('routeTemplate', () => {
  it.each([
    ['/channels/123456789012345678/messages/223456789012345678', '/channels/{channel_id}/messages/{message_id}'],
    ['/channels/123456789012345678/messages', '/channels/{channel_id}/messages'],
    ['/guilds/1/members/2', '/guilds/{guild_id}/members/{user_id}'],
    ['/guilds/1/bans/2', '/guilds/{guild_id}/bans/{user_id}'],
    ['/guilds/1/roles/2', '/guilds/{guild_id}/roles/{role_id}'],
    ['/guilds/1/emojis/2', '/guilds/{guild_id}/emojis/{emoji_id}'],
    ['/channels/1/permissions/2', '/channels/{channel_id}/permissions/{overwrite_id}'],
    ['/guilds/1/scheduled-events/2', '/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}'],
    ['/applications/1/guilds/2/commands/3', '/applications/{application_id}/guilds/{guild_id}/commands/{command_id}'],
    ['/interactions/1/aW50ZXJhY3Rpb24tdG9rZW4/callback', '/interactions/{interaction_id}/{interaction_token}/callback'],
    ['/webhooks/1/secret-token/messages/@original', '/webhooks/{webhook_id}/{webhook_token}/messages/@original'],
    ['/channels/1/messages/2/reactions/%F0%9F%91%8D/@me', '/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me'],
    ['/channels/1/messages/2/reactions/name:3/4', '/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}'],
    ['/channels/1/messages/2/reactions/name:3', '/channels/{channel_id}/messages/{message_id}/reactions/{emoji}'],
    ['/invites/discord-developers', '/invites/{invite_code}'],
    ['/guilds/templates/hgM48av5Q69A', '/guilds/templates/{template_code}'],
    ['/users/@me', '/users/@me'],
    ['/gateway/bot', '/gateway/bot'],
    ['/channels/1/messages?limit=50', '/channels/{channel_id}/messages'],
  ])('%s -> %s', (path, template) => {
    expect(routeTemplate(path)).toBe(template);
  });

  it('gives the same answer from its bounded cache, also after it filled up and was emptied', () => {
    for (let i = 0; i < 5000; i += 1) expect(routeTemplate(`/channels/${1000 + i}/messages/${i}`)).toBe('/channels/{channel_id}/messages/{message_id}');
    expect(routeTemplate('/guilds/1/members/2')).toBe('/guilds/{guild_id}/members/{user_id}');
  });

  it('keeps no digit run of the input: ids never reach span names', () => {
    expect(routeTemplate('/channels/987654321098765432/threads/123456789012345678/members')).not.toMatch(/\d/);
  });
});

describe('routeOfUrlPath', () => {
  it('drops the base path and API version the REST events include', () => {
    expect(routeOfUrlPath('/api/v10/users/@me')).toBe('/users/@me');
    expect(routeOfUrlPath('/proxy/discord/api/v9/channels/1/messages')).toBe('/channels/1/messages');
    expect(routeOfUrlPath('/channels/1/messages')).toBe('/channels/1/messages');
  });
});
