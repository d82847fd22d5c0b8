export { FakeGateway } from './fake-gateway';
export type { GatewayConnectionSnapshot, GatewayDispatchInput } from './fake-gateway';
export type { FakeGatewayOptions, ResolvedGatewayOptions } from './fake-gateway-options';
export { FakeGatewayError } from './fake-gateway-error';
export type { FakeGatewayErrorCode } from './fake-gateway-error';
export { GatewayFaults } from './gateway-faults';
export type { SessionSelector } from './session-selector';
export type { ConnectionQuery } from './gateway-connection';
export type {
  FakeGatewayEvents,
  GatewayCloseEvent,
  GatewayConnectionEvent,
  GatewayPayloadEvent,
  GatewayResumedEvent,
  GatewaySessionEndEvent,
  GatewaySessionSnapshot,
  GatewayViolation,
  GatewayViolationKind,
} from './gateway-events';
