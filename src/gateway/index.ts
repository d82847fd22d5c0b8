export { Shard } from './shard';
export type { IdentifyTransform, SendTransform, ShardOptions, ShardEvents, ShardStatus, ShardSession, ReconnectReason } from './shard-types';
export { ShardManager } from './shard-manager';
export type { ShardManagerOptions, ShardManagerEvents, ShardState } from './shard-manager-types';
export { SendQueue } from './send-queue';
export type { SendQueueOptions } from './send-queue';
export { IdentifyScheduler } from './identify-scheduler';
export type { IdentifySchedulerOptions, SessionStartBudget } from './identify-scheduler';
export { ZlibInflater } from './zlib-inflater';
export type { ZlibInflaterOptions } from './zlib-inflater';
export { classifyCloseCode, fatalCloseError } from './close-codes';
export type { CloseAction, FatalCloseContext } from './close-codes';
export { TypedEmitter } from './typed-emitter';
export type { EventMap } from './typed-emitter';
export {
  GatewayCloseError,
  GatewayDecodeError,
  GatewayDestroyedError,
  GatewayOptionError,
  GatewayProtocolError,
  GatewaySendError,
  GatewayTlsError,
  GatewayTransformError,
} from './errors';
export { openGatewaySocket, LeanSocket, WsSocket, FrameReader } from './transport';
export type { GatewayTlsOptions } from './transport';
export type { FrameReaderHandlers, GatewaySocket, GatewaySocketHandlers, GatewaySocketOptions, GatewayTransportKind } from './transport';
export { EventPipeline } from './pipeline/event-pipeline';
export { ReplayLog } from './pipeline/replay-log';
export { EventBatcher } from './pipeline/event-batcher';
export type {
  EventPipelineEvents,
  EventPipelineOptions,
  EventPriority,
  PipelineBatchHandler,
  PipelineBatchOptions,
  PipelineEvent,
  PipelineFilter,
  PipelineHandler,
  PipelineHandlerError,
  PipelineHandlerOptions,
  PipelineProcessed,
  PipelineTransformer,
  PipelineWrapper,
  ReplayQuery,
} from './pipeline/pipeline-types';
