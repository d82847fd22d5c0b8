import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import type { GatewayConnection } from './gateway-connection';
import type { GatewayCore } from './gateway-core';
import { opFrame } from './gateway-frames';
import { handleRequestChannelInfo, handleRequestSoundboardSounds } from './guild-info-requests';
import { handleRequestGuildMembers } from './guild-members-request';
import { handleIdentify } from './identify-handler';
import { isJsonObject } from './payload-check';
import { checkPresence } from './presence-payload';
import { handleResume } from './resume-handler';

const HEARTBEAT_ACK = opFrame(GatewayOpcodes.HeartbeatAck, 'null');

// Opcodes a client may send only after Identify or Resume; anything else it sends is unknown (4001).
const AUTHENTICATED_OPCODES: ReadonlySet<number> = new Set([
  GatewayOpcodes.PresenceUpdate,
  GatewayOpcodes.VoiceStateUpdate,
  GatewayOpcodes.RequestGuildMembers,
  GatewayOpcodes.RequestSoundboardSounds,
  GatewayOpcodes.RequestChannelInfo,
]);

/**
 * One client frame, checked in the order Discord applies: send rate (4008), size (4002), JSON
 * (4002), opcode (4001), authentication (4003), then the opcode's own rules.
 */
export function handlePayload(core: GatewayCore, connection: GatewayConnection, data: Buffer, isBinary: boolean): void {
  if (connection.serverClose !== null) return;
  if (!connection.sendWindow.tryCount(Date.now())) {
    const { count, windowMs } = core.options.sendLimit;
    core.violation({
      kind: 'send-rate-limit',
      connectionId: connection.id,
      shard: connection.session === null ? null : [connection.session.shardId, connection.session.shardCount],
      message: `More than ${count} payloads in ${windowMs} ms`,
      response: { close: GatewayCloseCodes.RateLimited },
    });
    core.protocolClose(connection, GatewayCloseCodes.RateLimited, `Rate limited: more than ${count} payloads in ${windowMs} ms`);
    return;
  }
  if (data.length > core.options.maxPayloadBytes) {
    core.protocolClose(connection, GatewayCloseCodes.DecodeError, `Decode error: payload of ${data.length} bytes exceeds ${core.options.maxPayloadBytes}`);
    return;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(data.toString('utf8'));
  } catch {
    core.protocolClose(connection, GatewayCloseCodes.DecodeError, `Decode error: the ${isBinary ? 'binary' : 'text'} frame is not valid JSON`);
    return;
  }
  if (!isJsonObject(payload)) {
    core.protocolClose(connection, GatewayCloseCodes.DecodeError, 'Decode error: a payload must be a JSON object {op, d}');
    return;
  }
  if (core.recordFrames) connection.received.push(payload);
  core.emit('payload', { connectionId: connection.id, sessionId: connection.session?.id ?? null, payload });
  const op = payload.op;
  const d = payload.d;
  switch (op) {
    case GatewayOpcodes.Heartbeat:
      if (d !== null && d !== undefined && !Number.isInteger(d)) {
        core.protocolClose(connection, GatewayCloseCodes.UnknownOpcode, 'Invalid payload: heartbeat d must be the last sequence number or null');
        return;
      }
      connection.heartbeatReceived();
      if (connection.ackHeartbeats) connection.send(HEARTBEAT_ACK);
      return;
    case GatewayOpcodes.Identify:
      handleIdentify(core, connection, d);
      return;
    case GatewayOpcodes.Resume:
      handleResume(core, connection, d);
      return;
    default:
      break;
  }
  if (typeof op !== 'number' || !AUTHENTICATED_OPCODES.has(op)) {
    core.protocolClose(connection, GatewayCloseCodes.UnknownOpcode, `Unknown opcode ${JSON.stringify(op)}`);
    return;
  }
  const session = connection.session;
  if (session === null) {
    core.protocolClose(connection, GatewayCloseCodes.NotAuthenticated, `Not authenticated: op ${op} sent before identify`);
    return;
  }
  if (op === GatewayOpcodes.PresenceUpdate) {
    const presence = checkPresence(d);
    if (!presence.ok) core.protocolClose(connection, presence.code, `Invalid payload: ${presence.reason}`);
    else session.presence = presence.value;
  } else if (op === GatewayOpcodes.RequestGuildMembers) {
    handleRequestGuildMembers(core, connection, session, d);
  } else if (op === GatewayOpcodes.RequestSoundboardSounds) {
    handleRequestSoundboardSounds(core, connection, session, d);
  } else if (op === GatewayOpcodes.RequestChannelInfo) {
    handleRequestChannelInfo(core, connection, session, d);
  } else if (!isJsonObject(d)) {
    core.protocolClose(connection, GatewayCloseCodes.UnknownOpcode, `Invalid payload: op ${op} needs an object d`);
  }
  // A well-formed Voice State Update (op 4) is only recorded: the fake runs no voice servers.
}
