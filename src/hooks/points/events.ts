import type { HookPointTable } from '../hook-point';

/** A gateway dispatch as it enters the event pipeline. */
export interface GatewayEventPayload {
  readonly shardId: number;
  /** The dispatch name, e.g. `MESSAGE_CREATE`. */
  readonly name: string;
  data: unknown;
}

/** What a `beforeEventProcess` handler returns to drop an event. */
export interface EventVeto {
  readonly reason: string;
}

/** Payload of `afterEventProcess`. */
export interface EventProcessedPayload {
  readonly event: GatewayEventPayload;
  readonly handlerCount: number;
}

/** Payload of `eventHandlerError`. */
export interface EventHandlerErrorPayload {
  readonly event: GatewayEventPayload;
  readonly handler: string;
  readonly error: unknown;
}

/** Payload of `eventDropped`. */
export interface EventDroppedPayload {
  readonly event: GatewayEventPayload;
  readonly reason: string;
}

/** Event pipeline hook signatures. */
export interface EventHookPoints {
  beforeEventProcess: { kind: 'bail'; payload: GatewayEventPayload; result: EventVeto };
  eventTransform: { kind: 'waterfall'; payload: GatewayEventPayload };
  afterEventProcess: { kind: 'parallel'; payload: EventProcessedPayload };
  eventHandlerError: { kind: 'parallel'; payload: EventHandlerErrorPayload };
  eventDropped: { kind: 'parallel'; payload: EventDroppedPayload };
  eventUnhandled: { kind: 'parallel'; payload: GatewayEventPayload };
}

export const EVENT_HOOK_POINTS: HookPointTable<EventHookPoints> = {
  beforeEventProcess: {
    kind: 'bail',
    description: 'A dispatch is about to be processed; return an EventVeto to drop it.',
    payloadType: 'GatewayEventPayload',
    resultType: 'EventVeto',
    firesAt: 'EventPipeline, before the cache and handlers see a dispatch',
  },
  eventTransform: {
    kind: 'waterfall',
    description: 'Rewrite a dispatch\'s data before handlers receive it.',
    payloadType: 'GatewayEventPayload',
    firesAt: 'EventPipeline, after beforeEventProcess, before handlers',
  },
  afterEventProcess: {
    kind: 'parallel',
    description: 'Every handler of a dispatch has finished.',
    payloadType: 'EventProcessedPayload',
    firesAt: 'EventPipeline, after the handlers of a dispatch settle',
  },
  eventHandlerError: {
    kind: 'parallel',
    description: 'An event handler threw.',
    payloadType: 'EventHandlerErrorPayload',
    firesAt: 'EventPipeline, when a handler rejects',
  },
  eventDropped: {
    kind: 'parallel',
    description: 'A dispatch was dropped (vetoed, filtered or over a queue limit).',
    payloadType: 'EventDroppedPayload',
    firesAt: 'EventPipeline, when a dispatch is not delivered',
  },
  eventUnhandled: {
    kind: 'parallel',
    description: 'A dispatch arrived that no handler listens to.',
    payloadType: 'GatewayEventPayload',
    firesAt: 'EventPipeline, when a dispatch has no handler',
  },
};
