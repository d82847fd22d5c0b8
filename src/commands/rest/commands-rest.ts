import type {
  APIApplicationCommand,
  APIInteractionResponse,
  APIMessage,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
  RESTPostAPIApplicationCommandsJSONBody,
  RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord-api-types/v10';

/** A file sent with a message: `files[n]` in the multipart body. */
export interface MessageFile {
  name: string;
  data: Buffer | Uint8Array;
  contentType?: string;
}

/**
 * The REST calls interactions need. The command router depends on this small interface rather
 * than on a REST client, so it works with OvenJS's `RestClient`, with `@discordjs/rest` (through
 * `routeRest`), or with a recording double in tests.
 */
export interface InteractionRest {
  /** `POST /interactions/{id}/{token}/callback`: the initial response. */
  createResponse(interactionId: string, token: string, body: APIInteractionResponse, files?: readonly MessageFile[]): Promise<void>;
  /** `PATCH /webhooks/{app}/{token}/messages/{id}`: edit the original (`'@original'`) or a follow-up. */
  editMessage(
    applicationId: string,
    token: string,
    messageId: string,
    body: RESTPatchAPIWebhookWithTokenMessageJSONBody,
    files?: readonly MessageFile[],
  ): Promise<APIMessage>;
  /** `DELETE /webhooks/{app}/{token}/messages/{id}`. */
  deleteMessage(applicationId: string, token: string, messageId: string): Promise<void>;
  /** `POST /webhooks/{app}/{token}?wait=true`: a follow-up message. */
  createFollowup(applicationId: string, token: string, body: RESTPostAPIWebhookWithTokenJSONBody, files?: readonly MessageFile[]): Promise<APIMessage>;
}

/** The REST calls command registration needs (fetch and bulk overwrite, global and per guild). */
export interface ApplicationCommandsRest {
  getCommands(applicationId: string, guildId?: string): Promise<APIApplicationCommand[]>;
  putCommands(applicationId: string, commands: RESTPostAPIApplicationCommandsJSONBody[], guildId?: string): Promise<APIApplicationCommand[]>;
}

/** Both halves, as one object usually provides them. */
export type CommandsRest = InteractionRest & ApplicationCommandsRest;
