import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import type { CommandsRest, MessageFile } from './commands-rest';

/**
 * A REST client addressed by route and verb, the shape `@discordjs/rest`'s `REST` has
 * (`rest.post(Routes.x(), { body })`).
 */
export interface RouteClient {
  get(route: `/${string}`, options?: { query?: URLSearchParams }): Promise<unknown>;
  post(route: `/${string}`, options?: { body?: unknown; query?: URLSearchParams; auth?: boolean; files?: MessageFile[] }): Promise<unknown>;
  put(route: `/${string}`, options?: { body?: unknown }): Promise<unknown>;
  patch(route: `/${string}`, options?: { body?: unknown; auth?: boolean; files?: MessageFile[] }): Promise<unknown>;
  delete(route: `/${string}`, options?: { auth?: boolean }): Promise<unknown>;
}

/**
 * Adapts a route-and-verb REST client to what the command router and registrar need.
 * Interaction routes are authenticated by their token, so they are sent without the bot token.
 *
 * @example
 * ```ts
 * import { REST } from '@discordjs/rest';
 * const router = new CommandRouter({ rest: routeRest(new REST().setToken(token)), applicationId });
 * ```
 */
export function routeRest(client: RouteClient): CommandsRest {
  return {
    async createResponse(interactionId, token, body, files) {
      await client.post(Routes.interactionCallback(interactionId, token), { body, auth: false, ...withFiles(files) });
    },
    async editMessage(applicationId, token, messageId, body, files) {
      return (await client.patch(Routes.webhookMessage(applicationId, token, messageId), { body, auth: false, ...withFiles(files) })) as APIMessage;
    },
    async deleteMessage(applicationId, token, messageId) {
      await client.delete(Routes.webhookMessage(applicationId, token, messageId), { auth: false });
    },
    async createFollowup(applicationId, token, body, files) {
      return (await client.post(Routes.webhook(applicationId, token), {
        body,
        auth: false,
        query: new URLSearchParams({ wait: 'true' }),
        ...withFiles(files),
      })) as APIMessage;
    },
    async getCommands(applicationId, guildId) {
      const route = guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, guildId);
      return (await client.get(route, { query: new URLSearchParams({ with_localizations: 'true' }) })) as APIApplicationCommand[];
    },
    async putCommands(applicationId, commands, guildId) {
      const route = guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, guildId);
      return (await client.put(route, { body: commands })) as APIApplicationCommand[];
    },
  };
}

function withFiles(files: readonly MessageFile[] | undefined): { files?: MessageFile[] } {
  return files === undefined || files.length === 0 ? {} : { files: files.map((f) => ({ ...f })) };
}
