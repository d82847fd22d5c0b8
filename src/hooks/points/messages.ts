import type {
  APIMessage,
  GatewayMessageCreateDispatchData,
  RESTPatchAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import type { HookPointTable } from '../hook-point';

/** A message the bot is about to send. */
export interface OutgoingMessagePayload {
  readonly channelId: string;
  body: RESTPostAPIChannelMessageJSONBody;
}

/** A message edit the bot is about to send. */
export interface MessageEditPayload {
  readonly channelId: string;
  readonly messageId: string;
  body: RESTPatchAPIChannelMessageJSONBody;
}

/** What a `messageValidate` or `messageFilter` handler returns to stop a message. */
export interface MessageVeto {
  readonly reason: string;
}

/** Payload of `afterMessageSend`. */
export interface SentMessagePayload {
  readonly channelId: string;
  readonly message: APIMessage;
}

/** Payload of `afterMessageReceive` and `messageFilter`. */
export interface ReceivedMessagePayload {
  readonly message: GatewayMessageCreateDispatchData;
}

/** Payload of `afterMessageDelete`. */
export interface DeletedMessagePayload {
  readonly channelId: string;
  readonly messageId: string;
}

/** Message hook signatures. */
export interface MessageHookPoints {
  messageValidate: { kind: 'bail'; payload: OutgoingMessagePayload; result: MessageVeto };
  beforeMessageSend: { kind: 'waterfall'; payload: OutgoingMessagePayload };
  afterMessageSend: { kind: 'parallel'; payload: SentMessagePayload };
  beforeMessageEdit: { kind: 'waterfall'; payload: MessageEditPayload };
  messageFilter: { kind: 'bail'; payload: ReceivedMessagePayload; result: MessageVeto };
  afterMessageReceive: { kind: 'parallel'; payload: ReceivedMessagePayload };
  afterMessageDelete: { kind: 'parallel'; payload: DeletedMessagePayload };
}

export const MESSAGE_HOOK_POINTS: HookPointTable<MessageHookPoints> = {
  messageValidate: {
    kind: 'bail',
    description: 'An outgoing message is checked; return a MessageVeto to refuse sending it.',
    payloadType: 'OutgoingMessagePayload',
    resultType: 'MessageVeto',
    firesAt: 'REST bridge, before POST /channels/{id}/messages is queued',
  },
  beforeMessageSend: {
    kind: 'waterfall',
    description: 'Rewrite an outgoing message (content, embeds, allowed mentions).',
    payloadType: 'OutgoingMessagePayload',
    firesAt: 'REST bridge, after messageValidate, before POST /channels/{id}/messages',
  },
  afterMessageSend: {
    kind: 'parallel',
    description: 'Discord accepted a message the bot sent.',
    payloadType: 'SentMessagePayload',
    firesAt: 'REST bridge, after POST /channels/{id}/messages returns',
  },
  beforeMessageEdit: {
    kind: 'waterfall',
    description: 'Rewrite a message edit before it is sent.',
    payloadType: 'MessageEditPayload',
    firesAt: 'REST bridge, before PATCH /channels/{id}/messages/{id}',
  },
  messageFilter: {
    kind: 'bail',
    description: 'An incoming message; return a MessageVeto to hide it from handlers.',
    payloadType: 'ReceivedMessagePayload',
    resultType: 'MessageVeto',
    firesAt: 'Event bridge, on MESSAGE_CREATE before handlers',
  },
  afterMessageReceive: {
    kind: 'parallel',
    description: 'An incoming message passed the filters.',
    payloadType: 'ReceivedMessagePayload',
    firesAt: 'Event bridge, on MESSAGE_CREATE',
  },
  afterMessageDelete: {
    kind: 'parallel',
    description: 'A message was deleted.',
    payloadType: 'DeletedMessagePayload',
    firesAt: 'Event bridge, on MESSAGE_DELETE',
  },
};
