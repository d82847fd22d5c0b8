import { GatewayCloseCodes } from 'discord-api-types/v10';

// Closes after which Discord tells the client to start a new session rather than resume.
const SESSION_ENDING_SERVER_CODES: ReadonlySet<number> = new Set([
  GatewayCloseCodes.NotAuthenticated,
  GatewayCloseCodes.AuthenticationFailed,
  GatewayCloseCodes.AlreadyAuthenticated,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.RateLimited,
  GatewayCloseCodes.SessionTimedOut,
  GatewayCloseCodes.InvalidShard,
  GatewayCloseCodes.ShardingRequired,
  GatewayCloseCodes.InvalidAPIVersion,
  GatewayCloseCodes.InvalidIntents,
  GatewayCloseCodes.DisallowedIntents,
]);

/**
 * Whether a closed socket's session ends with it. A client closing with 1000/1001 takes the bot
 * offline; any other client code or a dropped TCP connection keeps it resumable (GW#initiating-a-disconnect).
 */
export function closeEndsSession(initiator: 'server' | 'client', code: number): boolean {
  if (initiator === 'client') return code === 1000 || code === 1001;
  return SESSION_ENDING_SERVER_CODES.has(code);
}
