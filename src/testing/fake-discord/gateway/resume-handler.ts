import { GatewayCloseCodes } from 'discord-api-types/v10';
import type { GatewayConnection } from './gateway-connection';
import type { GatewayCore } from './gateway-core';
import { checkResume } from './resume-payload';

/**
 * Op 6: re-binds a live session to this socket, replays every dispatch after the client's `seq` in
 * order, then sends RESUMED. An unknown or expired session, or one whose missed dispatches no longer
 * fit the replay buffer, gets op 9 `false`; a `seq` from the future closes with 4007.
 */
export function handleResume(core: GatewayCore, connection: GatewayConnection, d: unknown): void {
  if (connection.session !== null) {
    core.protocolClose(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated: this socket already has a session');
    return;
  }
  const check = checkResume(d, (token) => core.world.isValidToken(token));
  if (!check.ok) {
    core.protocolClose(connection, check.code, check.reason);
    return;
  }
  const { session_id: sessionId, seq } = check.value;
  const session = core.sessions.get(sessionId);
  if (session === undefined) {
    core.invalidSession(connection, false, 'unknown session');
    return;
  }
  if (seq > session.seq) {
    core.endSession(session, `resume with seq ${seq} beyond the session's ${session.seq}`);
    core.protocolClose(connection, GatewayCloseCodes.InvalidSeq, `Invalid seq ${seq}: the session is at ${session.seq}`);
    return;
  }
  if (!session.canResumeFrom(seq)) {
    core.endSession(session, `dispatches after ${seq} left the replay buffer`);
    core.invalidSession(connection, false, 'replay buffer overflow');
    return;
  }
  core.attach(session, connection);
  session.resumes += 1;
  const frames = session.framesAfter(seq);
  for (const frame of frames) connection.send(frame);
  session.dispatch('RESUMED', 'null');
  core.emit('resumed', { sessionId, connectionId: connection.id, fromSeq: seq, replayed: frames.length });
}
