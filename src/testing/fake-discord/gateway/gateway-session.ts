import type { GatewayIdentifyData, GatewayPresenceUpdateData } from 'discord-api-types/v10';
import { dispatchFrame } from './gateway-frames';
import type { GatewayConnection } from './gateway-connection';
import { ReplayBuffer } from './replay-buffer';

/**
 * A session as Discord keeps it: created by Identify, it outlives its socket so that a Resume on a
 * new socket replays what was dispatched meanwhile. It ends on a 1000/1001 close from the client,
 * a non-resumable close from the server, op 9 `false`, or when its resume window runs out.
 */
export class GatewaySession {
  public connection: GatewayConnection | null = null;
  public presence: GatewayPresenceUpdateData | null;
  public resumes = 0;
  public readonly shardId: number;
  public readonly shardCount: number;
  public readonly intents: number;
  public readonly largeThreshold: number;
  private readonly replay: ReplayBuffer;
  private expiry: NodeJS.Timeout | null = null;

  public constructor(
    public readonly id: string,
    public readonly identify: GatewayIdentifyData,
    replayBufferSize: number,
  ) {
    this.shardId = identify.shard?.[0] ?? 0;
    this.shardCount = identify.shard?.[1] ?? 1;
    this.intents = identify.intents;
    this.largeThreshold = identify.large_threshold ?? 50;
    this.presence = identify.presence ?? null;
    this.replay = new ReplayBuffer(replayBufferSize);
  }

  /** The `s` of the last dispatch of this session. */
  public get seq(): number {
    return this.replay.lastSeq;
  }

  /** Numbers, stores and (when a socket is attached) sends one dispatch. */
  public dispatch(t: string, dataJson: string): void {
    const s = this.replay.lastSeq + 1;
    const frame = dispatchFrame(t, s, dataJson);
    this.replay.push(s, frame);
    if (this.connection !== null) this.connection.send(frame);
  }

  /** True when a resume from `seq` can be served from the buffer. */
  public canResumeFrom(seq: number): boolean {
    return this.replay.canReplayAfter(seq);
  }

  /** The dispatches after `seq`, for replay. */
  public framesAfter(seq: number): string[] {
    return this.replay.framesAfter(seq);
  }

  /** Starts the countdown after which a detached session can no longer be resumed. */
  public startExpiry(ms: number, onExpire: () => void): void {
    this.stopExpiry();
    this.expiry = setTimeout(onExpire, ms).unref();
  }

  public stopExpiry(): void {
    if (this.expiry !== null) clearTimeout(this.expiry);
    this.expiry = null;
  }
}
