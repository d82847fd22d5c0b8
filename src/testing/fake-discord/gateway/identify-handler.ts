import { GatewayCloseCodes, GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import { randomBytes } from 'node:crypto';
import type { GatewayConnection } from './gateway-connection';
import type { GatewayCore } from './gateway-core';
import { GatewaySession } from './gateway-session';
import { guildCreateForSession } from './guild-create-view';
import { checkIdentify } from './identify-payload';

/**
 * The shard a guild's events go to: `(guild_id >> 22) % num_shards`. The world hands out plain
 * string ids, so this skips the branded-Snowflake validation of `shardForGuild` in src/snowflake
 * (identify runs it for every guild) and short-cuts the single-shard case.
 */
function shardOf(guildId: string, shardCount: number): number {
  return shardCount === 1 ? 0 : Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Op 2: validates, applies the sharding and identify limits, then starts a session with READY
 * (guilds unavailable) followed by one GUILD_CREATE per guild of the shard.
 */
export function handleIdentify(core: GatewayCore, connection: GatewayConnection, d: unknown): void {
  if (connection.session !== null) {
    core.protocolClose(connection, GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated: this socket already has a session');
    return;
  }
  const check = checkIdentify(d, core.world);
  if (!check.ok) {
    core.protocolClose(connection, check.code, check.reason);
    return;
  }
  const identify = check.value;
  const [shardId, shardCount] = identify.shard ?? [0, 1];
  const shard = [shardId, shardCount] as const;
  const guildIds = core.world.guildIds().filter((id) => shardOf(id, shardCount) === shardId);
  if (guildIds.length > core.options.guildsPerShardLimit) {
    core.violation({
      kind: 'sharding-required',
      connectionId: connection.id,
      shard,
      message: `Shard ${shardId}/${shardCount} would hold ${guildIds.length} guilds; the limit is ${core.options.guildsPerShardLimit}`,
      response: { close: GatewayCloseCodes.ShardingRequired },
    });
    core.protocolClose(connection, GatewayCloseCodes.ShardingRequired, 'Sharding required: too many guilds for one shard; use more shards');
    return;
  }
  const limit = core.world.sessionStartLimit;
  if (limit.remaining <= 0) {
    // protocol.md 2.9 (GW#identifying): exceeding the daily budget terminates all sessions and
    // resets the token, so reconnecting with the old token fails with 4004 and REST with 401.
    core.violation({
      kind: 'session-start-limit',
      connectionId: connection.id,
      shard,
      message: `The session start limit (${limit.total}) is used up: every session was terminated and the bot token reset; see GET /gateway/bot session_start_limit.reset_after`,
      response: { invalidSession: false },
    });
    core.world.resetToken();
    core.invalidSession(connection, false, 'session start limit reached');
    core.terminateAllSessions('session start limit reached: token reset');
    return;
  }
  const throttle = core.identifyThrottle.tryTake(shardId, limit.maxConcurrency, Date.now());
  if (!throttle.ok) {
    core.violation({
      kind: 'identify-rate-limit',
      connectionId: connection.id,
      shard,
      message: `Identify bucket ${throttle.bucket} (shard_id % max_concurrency ${limit.maxConcurrency}) used less than ${core.options.identifyIntervalMs} ms ago; wait ${throttle.waitMs} ms`,
      response: { invalidSession: false },
    });
    core.invalidSession(connection, false, 'identify rate limited');
    return;
  }
  limit.tryConsume();
  const session = new GatewaySession(randomBytes(16).toString('hex'), identify, core.options.replayBufferSize);
  core.sessions.set(session.id, session);
  core.attach(session, connection);
  const ready: GatewayReadyDispatchData = {
    v: 10,
    user: core.world.botUser,
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: session.id,
    resume_gateway_url: core.resumeUrlFor(connection),
    shard: [shardId, shardCount],
    application: {
      id: core.world.application.id,
      flags: core.world.application.flags,
      flags_new: String(core.world.application.flags),
    },
  };
  session.dispatch('READY', JSON.stringify(ready));
  if ((session.intents & GatewayIntentBits.Guilds) !== 0) {
    for (const guildId of guildIds) {
      const guild = core.world.guildCreatePayload(guildId);
      if (guild === undefined) continue;
      const view = guildCreateForSession(guild, session.intents, session.largeThreshold, core.world.botUser.id);
      session.dispatch('GUILD_CREATE', JSON.stringify(view));
    }
  }
  core.emit('ready', core.snapshot(session));
}
