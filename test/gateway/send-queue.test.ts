import { SendQueue } from '../../src/gateway';

describe('SendQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('holds payloads until the connection is open', () => {
    const written: string[] = [];
    const queue = new SendQueue((data) => written.push(data));
    queue.push('a');
    expect(written).toEqual([]);
    queue.open();
    expect(written).toEqual(['a']);
  });

  it('keeps ordinary sends under the limit minus the heartbeat reserve, then drains when the window moves', () => {
    const written: string[] = [];
    const queue = new SendQueue((data) => written.push(data), { limit: 120, windowMs: 60_000 });
    queue.setHeartbeatInterval(41_250); // 2 beats a minute, reserve 4
    queue.open();
    for (let i = 0; i < 130; i++) queue.push(`p${i}`);
    expect(written).toHaveLength(116);
    expect(queue.size).toBe(14);
    jest.advanceTimersByTime(59_999);
    expect(written).toHaveLength(116);
    jest.advanceTimersByTime(1);
    expect(written).toHaveLength(130);
    expect(written[129]).toBe('p129');
  });

  it('always has room for heartbeats when ordinary sends are exhausted', () => {
    const written: string[] = [];
    const queue = new SendQueue((data) => written.push(data), { limit: 10, windowMs: 60_000 });
    queue.setHeartbeatInterval(30_000); // 2 beats a minute, reserve 4
    queue.open();
    for (let i = 0; i < 20; i++) queue.push('x');
    expect(written).toHaveLength(6);
    for (let i = 0; i < 4; i++) queue.direct('beat');
    expect(written.filter((data) => data === 'beat')).toHaveLength(4);
    // Ten sends in the window: the limit is reached but never exceeded.
    expect(written).toHaveLength(10);
  });

  it('counts heartbeats against the window', () => {
    const written: string[] = [];
    const queue = new SendQueue((data) => written.push(data), { limit: 10, windowMs: 1000 });
    queue.setHeartbeatInterval(1000); // reserve 2
    queue.direct('beat');
    queue.direct('beat');
    queue.open();
    for (let i = 0; i < 10; i++) queue.push('x');
    expect(written.filter((data) => data === 'x')).toHaveLength(6);
    expect(queue.available).toBe(0);
  });

  it('never reserves more than half the window for heartbeats, even with test-sized intervals', () => {
    const written: string[] = [];
    const queue = new SendQueue((data) => written.push(data));
    queue.setHeartbeatInterval(50);
    for (let i = 0; i < 10; i++) queue.direct('beat');
    queue.open();
    for (let i = 0; i < 100; i++) queue.push('x');
    expect(written.filter((data) => data === 'x')).toHaveLength(50);
  });

  it('starts a fresh window per connection and keeps queued payloads across reconnects', () => {
    const written: string[] = [];
    const queue = new SendQueue((data) => written.push(data), { limit: 4, windowMs: 60_000 });
    queue.setHeartbeatInterval(60_000); // reserve 2, room for 2
    queue.open();
    queue.push('a');
    queue.push('b');
    queue.push('c');
    expect(written).toEqual(['a', 'b']);
    queue.close();
    queue.open();
    expect(written).toEqual(['a', 'b', 'c']);
    queue.destroy();
    queue.push('d');
    expect(written).toEqual(['a', 'b', 'c']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
