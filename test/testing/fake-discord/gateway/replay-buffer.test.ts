import { BoundedLog } from '../../../../src/testing/fake-discord/gateway/bounded-log';
import { ReplayBuffer } from '../../../../src/testing/fake-discord/gateway/replay-buffer';
import { SendWindow } from '../../../../src/testing/fake-discord/gateway/send-window';
import { IdentifyThrottle } from '../../../../src/testing/fake-discord/gateway/identify-throttle';

describe('ReplayBuffer', () => {
  it('replays what follows a seq and refuses once the ring overwrote it', () => {
    const buffer = new ReplayBuffer(3);
    for (let s = 1; s <= 5; s += 1) buffer.push(s, `f${s}`);
    expect(buffer.firstSeq).toBe(3);
    expect(buffer.framesAfter(2)).toEqual(['f3', 'f4', 'f5']);
    expect(buffer.canReplayAfter(2)).toBe(true);
    expect(buffer.canReplayAfter(1)).toBe(false);
    expect(buffer.canReplayAfter(5)).toBe(true);
    expect(buffer.framesAfter(5)).toEqual([]);
    expect(buffer.canReplayAfter(6)).toBe(false);
  });
});

describe('SendWindow', () => {
  it('allows the limit per window and opens a new window after it', () => {
    const window = new SendWindow(2, 1000);
    expect([window.tryCount(0), window.tryCount(10), window.tryCount(20)]).toEqual([true, true, false]);
    expect(window.tryCount(1000)).toBe(true);
  });
});

describe('IdentifyThrottle', () => {
  it('keys buckets by shard_id % max_concurrency', () => {
    const throttle = new IdentifyThrottle(5000);
    expect(throttle.tryTake(0, 2, 0)).toEqual({ ok: true });
    expect(throttle.tryTake(1, 2, 0)).toEqual({ ok: true });
    expect(throttle.tryTake(2, 2, 1000)).toEqual({ ok: false, bucket: 0, waitMs: 4000 });
    expect(throttle.tryTake(2, 2, 5000)).toEqual({ ok: true });
  });
});

describe('BoundedLog', () => {
  it('keeps the newest entries up to its limit', () => {
    const log = new BoundedLog<number>(3);
    for (let i = 1; i <= 10; i += 1) log.push(i);
    expect(log.toArray()).toEqual([8, 9, 10]);
  });
});
