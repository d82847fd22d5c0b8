import type {
  APIApplicationCommandOptionChoice,
  APIInteraction,
  APIInteractionResponse,
  APIMessage,
  APIPartialChannel,
  APIPartialInteractionGuild,
  APIUser,
  RESTPatchAPIWebhookWithTokenMessageJSONBody,
} from 'discord-api-types/v10';
import { InteractionResponseType, MessageFlags } from 'discord-api-types/v10';
import { InteractionResponseError } from '../command-errors';
import type { InteractionMember } from '../options/option-kind';
import type { InteractionRest, MessageFile } from '../rest/commands-rest';
import type { ReplyOptions } from './reply-options';
import { messageData, messageFiles } from './reply-options';

/** Discord's deadline for the initial response. */
export const INITIAL_RESPONSE_WINDOW_MS = 3_000;
/** How long the interaction token stays valid for follow-ups and edits. */
export const TOKEN_LIFETIME_MS = 15 * 60_000;

/** The guild an interaction came from, as far as the interaction says. */
export type InteractionGuild = Pick<APIPartialInteractionGuild, 'id'> & Partial<APIPartialInteractionGuild>;

/** Where the initial response stands. `'deferring'`/`'responding'` mean a request is in flight. */
export type ResponseState =
  | 'pending'
  | 'deferring'
  | 'responding'
  | 'deferred'
  | 'deferredUpdate'
  | 'replied'
  | 'updated'
  | 'modal'
  | 'autocompleted';

/** What the context needs from its surroundings; the router provides it. */
export interface ContextDeps {
  readonly rest: InteractionRest;
  readonly applicationId: string;
  /** Milliseconds since the epoch; a parameter so tests do not depend on the wall clock. */
  readonly now: () => number;
  /** When the interaction arrived, by `now()`. */
  readonly receivedAt: number;
  /**
   * The router's choices stage: rewrites autocomplete suggestions before they are sent. Typed
   * loosely here because the autocomplete context is defined after this one.
   */
  readonly transformChoices?: (ctx: InteractionContext, choices: APIApplicationCommandOptionChoice[]) => Promise<APIApplicationCommandOptionChoice[]>;
}

/**
 * One interaction and the ways to answer it. It tracks Discord's rules so that a misuse is a
 * clear error here: one initial response within 3 seconds (`reply`, `deferReply`, `showModal`,
 * ...), then edits and follow-ups for 15 minutes.
 *
 * @example
 * ```ts
 * await ctx.deferReply({ ephemeral: true });
 * const report = await buildReport();
 * await ctx.editReply({ embeds: [report] });
 * ```
 */
export class InteractionContext<I extends APIInteraction = APIInteraction> {
  public readonly interaction: I;
  /** The user who triggered the interaction, in guilds and DMs. */
  public readonly user: APIUser;
  /** The member who triggered it (with permissions), or undefined in DMs. */
  public readonly member: InteractionMember | undefined;
  public readonly guild: InteractionGuild | undefined;
  public readonly channel: APIPartialChannel | undefined;
  /** Parameters parsed from the custom id by the route's pattern (empty for commands). */
  public params: Readonly<Record<string, string | number>> = {};
  /** Free space for guards and middleware to pass things to the handler. */
  public readonly state = new Map<string, unknown>();

  protected readonly deps: ContextDeps;
  private responseState: ResponseState = 'pending';
  protected inFlight: Promise<void> | undefined;
  private ephemeralDefer = false;

  public constructor(interaction: I, deps: ContextDeps) {
    this.interaction = interaction;
    this.deps = deps;
    const member = interaction.member;
    const user = member?.user ?? interaction.user;
    if (user === undefined) {
      throw new InteractionResponseError('OVEN_ERR_COMMANDS_WRONG_INTERACTION_KIND', `Interaction ${interaction.id} has neither member.user nor user; it is not one a bot receives.`);
    }
    this.user = user;
    this.member = member === undefined ? undefined : ({ ...member, user } as InteractionMember);
    this.guild = interaction.guild ?? (interaction.guild_id === undefined ? undefined : { id: interaction.guild_id });
    this.channel = interaction.channel;
  }

  /** Where the initial response stands. */
  public get responseStatus(): ResponseState {
    return this.responseState;
  }

  /** True once an initial response (of any kind) was sent or is being sent. */
  public get acknowledged(): boolean {
    return this.responseState !== 'pending';
  }

  public get deferred(): boolean {
    return this.responseState === 'deferred' || this.responseState === 'deferredUpdate' || this.responseState === 'deferring';
  }

  /** Milliseconds left to send the initial response (negative when the window has passed). */
  public get initialResponseRemainingMs(): number {
    return this.deps.receivedAt + INITIAL_RESPONSE_WINDOW_MS - this.deps.now();
  }

  /**
   * Replies to the interaction. After `deferReply` (yours or auto-defer's), it edits the
   * deferred reply instead, so handlers need not care whether they were deferred; after a
   * component's `deferUpdate` it sends a follow-up, leaving the component's message alone.
   */
  public async reply(options: ReplyOptions): Promise<void> {
    const data = messageData(options);
    while (this.inFlight !== undefined) await this.inFlight;
    if (this.responseState === 'deferred') {
      await this.editReply(options);
      return;
    }
    if (this.responseState === 'deferredUpdate') {
      await this.followUp(options);
      return;
    }
    await this.initial('replied', { type: InteractionResponseType.ChannelMessageWithSource, data }, 'reply', 'responding', messageFiles(options));
  }

  /** Acknowledges now and answers later with `editReply` (or `reply`), within 15 minutes. */
  public async deferReply(options: { ephemeral?: boolean } = {}): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
    if (this.responseState === 'deferred') return;
    this.ephemeralDefer = options.ephemeral === true;
    const response: APIInteractionResponse = {
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      ...(options.ephemeral === true ? { data: { flags: MessageFlags.Ephemeral } } : {}),
    };
    await this.initial('deferred', response, 'deferReply', 'deferring');
  }

  /** Edits the original reply (or the deferred "thinking..." message). */
  public async editReply(options: ReplyOptions): Promise<APIMessage> {
    return this.editMessage('@original', options);
  }

  /** Edits a follow-up message sent earlier. */
  public async editMessage(messageId: string, options: ReplyOptions): Promise<APIMessage> {
    while (this.inFlight !== undefined) await this.inFlight;
    this.requireAcknowledged('editReply');
    this.requireTokenAlive('editReply');
    const { flags, ...data } = messageData(options);
    // An edit cannot make a message ephemeral (or not); the other flags (components v2,
    // suppressed embeds) are what the edited message needs, so only that bit goes.
    const kept = Number(flags ?? 0) & ~MessageFlags.Ephemeral;
    if (kept !== 0) (data as { flags?: number }).flags = kept;
    const files = messageFiles(options);
    return this.deps.rest.editMessage(this.deps.applicationId, this.interaction.token, messageId, data as RESTPatchAPIWebhookWithTokenMessageJSONBody, ...(files === undefined ? [] : [files]));
  }

  /** Sends another message after the initial response. */
  public async followUp(options: ReplyOptions): Promise<APIMessage> {
    while (this.inFlight !== undefined) await this.inFlight;
    this.requireAcknowledged('followUp');
    this.requireTokenAlive('followUp');
    const files = messageFiles(options);
    return this.deps.rest.createFollowup(this.deps.applicationId, this.interaction.token, messageData(options), ...(files === undefined ? [] : [files]));
  }

  /** Deletes the original reply, or a follow-up by id. */
  public async deleteReply(messageId = '@original'): Promise<void> {
    while (this.inFlight !== undefined) await this.inFlight;
    this.requireAcknowledged('deleteReply');
    this.requireTokenAlive('deleteReply');
    await this.deps.rest.deleteMessage(this.deps.applicationId, this.interaction.token, messageId);
  }

  /** True when the deferral asked for an ephemeral answer (auto-defer reads this for edits). */
  public get deferredEphemeral(): boolean {
    return this.ephemeralDefer;
  }

  /**
   * Sends an initial response, enforcing "once" and "within 3 seconds". Callers wait for any
   * response in flight first; the check and the state change below happen before the first
   * `await`, so two racing callers (a handler and auto-defer) cannot both pass.
   */
  protected async initial(
    final: ResponseState,
    response: APIInteractionResponse,
    method: string,
    during: ResponseState = 'responding',
    files?: readonly MessageFile[],
  ): Promise<void> {
    if (this.responseState !== 'pending') {
      throw new InteractionResponseError(
        'OVEN_ERR_COMMANDS_ALREADY_ACKNOWLEDGED',
        `${method}() on interaction ${this.interaction.id}, which was already answered (${this.responseState}). Use editReply() or followUp() after the first response.`,
      );
    }
    if (this.initialResponseRemainingMs < 0) {
      throw new InteractionResponseError(
        'OVEN_ERR_COMMANDS_RESPONSE_WINDOW_EXPIRED',
        `${method}() came ${-this.initialResponseRemainingMs} ms after Discord's 3-second window for interaction ${this.interaction.id}. Call deferReply() first for slow work, or turn on autoDefer.`,
      );
    }
    this.responseState = during;
    const sending = this.deps.rest.createResponse(this.interaction.id, this.interaction.token, response, ...(files === undefined ? [] : [files]));
    this.inFlight = sending.then(
      () => undefined,
      () => undefined,
    );
    try {
      await sending;
      this.responseState = final;
    } catch (error) {
      this.responseState = 'pending';
      throw error;
    } finally {
      this.inFlight = undefined;
    }
  }

  private requireAcknowledged(method: string): void {
    if (this.responseState === 'pending') {
      throw new InteractionResponseError(
        'OVEN_ERR_COMMANDS_NOT_ACKNOWLEDGED',
        `${method}() before any initial response to interaction ${this.interaction.id}. Call reply() or deferReply() first.`,
      );
    }
  }

  private requireTokenAlive(method: string): void {
    if (this.deps.now() - this.deps.receivedAt > TOKEN_LIFETIME_MS) {
      throw new InteractionResponseError(
        'OVEN_ERR_COMMANDS_RESPONSE_WINDOW_EXPIRED',
        `${method}() more than 15 minutes after interaction ${this.interaction.id}; its token has expired. Send a channel message instead.`,
      );
    }
  }
}
