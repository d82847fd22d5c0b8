export { openGatewaySocket } from './open-socket';
export { LeanSocket } from './lean-socket';
export { WsSocket } from './ws-socket';
export { FrameReader, isValidCloseCode } from './frame-reader';
export type { FrameReaderHandlers } from './frame-reader';
export { ClientOpcode, closePayload, encodeFrame } from './frame-writer';
export { acceptFor } from './handshake';
export type { GatewaySocket, GatewaySocketHandlers, GatewaySocketOptions, GatewayTransportKind } from './transport-types';
