import type { APIApplicationCommand, APIMessage } from 'discord-api-types/v10';
import type { RecordedRequest } from './rest/request-log';
import { routeKey } from './rest/route';
import type { FakeRestServer } from './rest/rest-server';
import type { RecordedInteractionResponse } from './world/interaction-store';
import type { UploadedFile } from './world/uploaded-file';
import type { World } from './world/world';

/** What the bot did, read back for assertions: messages, uploads, requests, callbacks, commands. */
export class ReadBack {
  public constructor(
    private readonly world: World,
    private readonly rest: FakeRestServer,
  ) {}

  /** Copies, so a test cannot change the world by editing what it read. */
  public messages(channelId: string): APIMessage[] {
    return this.world.messages.all(channelId).map((m) => structuredClone(m));
  }

  public files(messageId: string): readonly UploadedFile[] {
    return this.world.messages.files(messageId);
  }

  public requests(route?: string): RecordedRequest[] {
    const all = this.rest.requests();
    return route === undefined ? all : all.filter((r) => r.route === route);
  }

  public interactionResponses(): RecordedInteractionResponse[] {
    return [...this.world.interactions.allResponses()];
  }

  public commands(guildId?: string): APIApplicationCommand[] {
    return this.world.commands.list(guildId ?? null);
  }

  public routes(): string[] {
    return this.rest.routes().map(routeKey);
  }
}
