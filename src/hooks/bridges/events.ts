import type { GatewayMessageCreateDispatchData, GatewayMessageDeleteDispatchData } from 'discord-api-types/v10';
import type { EventPipeline, PipelineEvent, PipelineHandlerError, PipelineProcessed } from '../../gateway';
import type { HookManager } from '../hook-manager';
import type { GatewayEventPayload } from '../points/events';

/** The hook points `bridgeEventHooks` fires. */
export const EVENT_BRIDGE_HOOKS = [
  'beforeEventProcess', 'eventTransform', 'afterEventProcess', 'eventHandlerError', 'eventDropped', 'eventUnhandled',
  'messageFilter', 'afterMessageReceive', 'afterMessageDelete',
] as const;

const HOOKS_FIRST = 1_000_000;

function payloadOf(event: PipelineEvent): GatewayEventPayload {
  return { shardId: event.shardId, name: event.type, data: event.data };
}

/**
 * Fires the event and incoming-message hook points from an `EventPipeline`: a veto
 * and transformer (`beforeEventProcess`, `messageFilter`, `eventTransform`), handlers, and the
 * pipeline's `processed` event (`afterEventProcess`, once every handler of a dispatch, async
 * ones included, has settled). The
 * pipeline is synchronous by design (it keeps ordering and throughput), so handlers of the filter
 * and transform hooks must be synchronous: an async one is reported through
 * `eventHandlerError` (printed when it has no handler) and the event passes unchanged. Returns a function that detaches it.
 *
 * @example
 * ```ts
 * bridgeEventHooks(client.pipeline, hooks);
 * hooks.register('messageFilter', ({ message }) => (message.author.bot ? { reason: 'bots ignored' } : undefined));
 * ```
 */
export function bridgeEventHooks(pipeline: EventPipeline, hooks: HookManager): () => void {
  const report = (event: PipelineEvent, handler: string, error: unknown): void => {
    // Never silent: without an eventHandlerError handler the failure is printed.
    if (hooks.has('eventHandlerError')) void hooks.execute('eventHandlerError', { event: payloadOf(event), handler, error });
    else console.error('[ovenjs]', error);
  };
  const drop = (event: PipelineEvent, reason: string): null => {
    void hooks.execute('eventDropped', { event: payloadOf(event), reason });
    return null;
  };
  const onProcessed = ({ event, handlerCount }: PipelineProcessed): void =>
    void hooks.execute('afterEventProcess', { event: payloadOf(event), handlerCount });
  // While someone listens to `processed`, the pipeline holds every handler's promise and emits
  // once per dispatch (1.2-1.6x the delivery cost in a pipeline-only benchmark), so listen only
  // while an afterEventProcess handler exists.
  const stopProcessed = hooks.whileHandled('afterEventProcess', () => {
    pipeline.on('processed', onProcessed);
    return () => pipeline.off('processed', onProcessed);
  });

  // The bridge's own MESSAGE_CREATE / MESSAGE_DELETE handlers (while subscribed) are not the app's.
  const ownHandlers = (type: string): number =>
    (type === 'MESSAGE_CREATE' && hooks.has('afterMessageReceive')) || (type === 'MESSAGE_DELETE' && hooks.has('afterMessageDelete')) ? 1 : 0;

  // One transformer, first in line: the pipeline runs transformers before filters, and the
  // veto hooks must see the dispatch before eventTransform rewrites it.
  const removeTransformer = pipeline.addTransformer((event) => {
    try {
      const veto = hooks.has('beforeEventProcess') ? hooks.executeSync('beforeEventProcess', payloadOf(event)) : undefined;
      if (veto !== undefined) return drop(event, veto.reason);
      if (event.type === 'MESSAGE_CREATE' && hooks.has('messageFilter')) {
        const refusal = hooks.executeSync('messageFilter', { message: event.data as GatewayMessageCreateDispatchData });
        if (refusal !== undefined) return drop(event, refusal.reason);
      }
    } catch (error) {
      report(event, 'beforeEventProcess/messageFilter hooks', error);
    }
    if (hooks.has('eventUnhandled') && pipeline.handlerCount(event.type) === ownHandlers(event.type)) void hooks.execute('eventUnhandled', payloadOf(event));
    if (!hooks.has('eventTransform')) return event;
    try {
      const out = hooks.executeSync('eventTransform', payloadOf(event));
      return out.data === event.data ? event : { ...event, data: out.data };
    } catch (error) {
      report(event, 'eventTransform hooks', error);
      return event;
    }
  });

  // Ahead of the app's own handlers, so plugins observe a message before the bot reacts to it.
  // Subscribed only while handled: a handler costs a call and a promise per message, and its
  // presence would keep eventUnhandled from ever firing for these dispatches.
  const first = { priority: HOOKS_FIRST };
  const stopCreate = hooks.whileHandled('afterMessageReceive', () =>
    pipeline.handle('MESSAGE_CREATE', (event) => hooks.execute('afterMessageReceive', { message: event.data as GatewayMessageCreateDispatchData }), first),
  );
  const stopDelete = hooks.whileHandled('afterMessageDelete', () =>
    pipeline.handle(
      'MESSAGE_DELETE',
      (event) => {
        const data = event.data as GatewayMessageDeleteDispatchData;
        return hooks.execute('afterMessageDelete', { channelId: data.channel_id, messageId: data.id });
      },
      first,
    ),
  );
  // Listening to 'handlerError' replaces the pipeline's default of printing the failure: take
  // failures over only while an eventHandlerError handler exists.
  const onHandlerError = (failure: PipelineHandlerError): void => report(failure.event, failure.handler, failure.error);
  const stopHandlerErrors = hooks.whileHandled('eventHandlerError', () => {
    pipeline.on('handlerError', onHandlerError);
    return () => pipeline.off('handlerError', onHandlerError);
  });

  return () => {
    removeTransformer();
    stopCreate();
    stopDelete();
    stopProcessed();
    stopHandlerErrors();
  };
}
