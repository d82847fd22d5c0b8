import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyObject } from 'node:crypto';
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { CommandsModuleError } from '../command-errors';
import type { InteractionRest } from '../rest/commands-rest';
import type { CommandRouter } from '../router/command-router';
import { interactionPublicKey, verifyInteractionSignature } from './verify-signature';

/** Settings of `HttpInteractions`. */
export interface HttpInteractionsOptions {
  /** The application's public key (hex) from the Developer Portal. */
  publicKey: string;
  /** Used for everything after the initial response (edits, follow-ups). */
  rest: InteractionRest;
  /** Requests older (or newer) than this are refused, so a captured request cannot be replayed. @defaultValue 300 */
  maxClockSkewSeconds?: number;
  /** @defaultValue 1 MiB */
  maxBodyBytes?: number;
  now?: () => number;
  /**
   * Receives what failed while serving a request (a body that broke routing, a dropped
   * connection); the request itself is answered 500. Handler errors go to the router's
   * `commandError` event, not here.
   * @defaultValue logs with `console.error`
   */
  onError?: (error: unknown) => void;
}

/**
 * Receives interactions over HTTP (the "Interactions Endpoint URL" of the Developer Portal)
 * instead of the gateway: verifies Discord's Ed25519 signature, answers PINGs, and sends the
 * router's initial response as the HTTP response body, as Discord expects. Later edits and
 * follow-ups go through `rest` as usual.
 *
 * @example
 * ```ts
 * const http = new HttpInteractions({ publicKey: process.env.DISCORD_PUBLIC_KEY!, rest: routeRest(rest) });
 * const router = new CommandRouter({ rest: http.rest }).register([FunCommands]);
 * createServer(http.listener(router)).listen(8080);
 * ```
 */
export class HttpInteractions {
  /** Give this to the router: initial responses become HTTP responses, the rest goes to `options.rest`. */
  public readonly rest: InteractionRest;
  private readonly key: KeyObject;
  private readonly pending = new Map<string, (body: APIInteractionResponse) => Promise<void>>();
  private readonly options: HttpInteractionsOptions;

  public constructor(options: HttpInteractionsOptions) {
    this.options = options;
    this.key = interactionPublicKey(options.publicKey);
    const base = options.rest;
    this.rest = {
      createResponse: async (interactionId, token, body, files) => {
        const answer = this.pending.get(interactionId);
        if (answer === undefined) return base.createResponse(interactionId, token, body, ...(files === undefined ? [] : [files]));
        if (files !== undefined && files.length > 0) {
          throw new CommandsModuleError(
            'Files cannot ride on the HTTP initial response. Call deferReply() first, then editReply({ files }).',
          );
        }
        this.pending.delete(interactionId);
        await answer(body);
      },
      editMessage: (...args) => base.editMessage(...args),
      deleteMessage: (...args) => base.deleteMessage(...args),
      createFollowup: (...args) => base.createFollowup(...args),
    };
  }

  /** A `node:http` request listener that feeds verified interactions to the router. */
  public listener(router: CommandRouter): (request: IncomingMessage, response: ServerResponse) => void {
    return (request, response) => {
      this.serve(router, request, response).catch((error: unknown) => {
        if (!response.headersSent) send(response, 500, { message: 'Internal error' });
        const report = this.options.onError ?? ((caught: unknown) => console.error('[ovenjs] HTTP interaction failed:', caught));
        report(error);
      });
    };
  }

  private async serve(router: CommandRouter, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return send(response, 405, { message: 'Discord sends interactions with POST' });
    const body = await readBody(request, this.options.maxBodyBytes ?? 1_048_576);
    if (body === undefined) return send(response, 413, { message: 'Body too large' });
    const signature = header(request, 'x-signature-ed25519');
    const timestamp = header(request, 'x-signature-timestamp');
    const skew = Math.abs((this.options.now ?? Date.now)() / 1000 - Number(timestamp));
    if (
      signature === undefined ||
      timestamp === undefined ||
      !(skew <= (this.options.maxClockSkewSeconds ?? 300)) ||
      !verifyInteractionSignature(this.key, signature, timestamp, body)
    ) {
      return send(response, 401, { message: 'Invalid request signature' });
    }
    let interaction: APIInteraction;
    try {
      interaction = JSON.parse(body.toString('utf8')) as APIInteraction;
    } catch {
      return send(response, 400, { message: 'Body is not JSON' });
    }
    if (interaction.type === InteractionType.Ping) return send(response, 200, { type: InteractionResponseType.Pong });
    // The context's initial response resolves once the HTTP response is flushed, so an edit or
    // follow-up sent right after cannot reach Discord before the response it edits.
    this.pending.set(
      interaction.id,
      (body) =>
        new Promise<void>((flushed) => {
          response.once('finish', () => flushed());
          send(response, 200, body);
        }),
    );
    try {
      await router.handle(interaction);
    } finally {
      this.pending.delete(interaction.id);
    }
    if (!response.headersSent) send(response, 500, { message: 'The bot did not answer this interaction' });
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
