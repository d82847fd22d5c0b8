import { GatewayIntentBits } from 'discord-api-types/v10';
import type { Kind } from './kinds';

/** What a throughput worker thread is told at start (its workerData). */
export interface ThroughputInput {
  readonly kind: Kind;
  readonly restUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  /** Messages to wait for after each `go`. */
  readonly count: number;
  /** The pipeline's replay log size for OvenJS; undefined keeps the default. */
  readonly replayLogSize?: number;
  /** The one shard this client runs, of `totalShards`: the fake then sends it only its own guild's messages. */
  readonly shardId: number;
  readonly totalShards: number;
}

/** Every client identifies with these, so each receives the same MESSAGE_CREATEs with content. */
export const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.MessageContent;

/**
 * Starts one client, calling `onMessage` once per MESSAGE_CREATE with content that reached its
 * user code, and resolves (once it is ready) with the function that stops it.
 */
export type StartClient = (input: ThroughputInput, onMessage: () => void) => Promise<() => Promise<void>>;
