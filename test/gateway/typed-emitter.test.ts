import { TypedEmitter } from '../../src/gateway';

interface Events {
  tick: [n: number, label: string];
  error: [error: Error];
}

describe('TypedEmitter', () => {
  it('calls listeners in order with every argument and reports whether one existed', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    expect(emitter.emit('tick', 1, 'a')).toBe(false);
    emitter.on('tick', (n, label) => seen.push(`first ${n} ${label}`));
    expect(emitter.emit('tick', 2, 'b')).toBe(true);
    emitter.on('tick', (n, label) => seen.push(`second ${n} ${label}`));
    emitter.emit('tick', 3, 'c');
    expect(seen).toEqual(['first 2 b', 'first 3 c', 'second 3 c']);
    expect(emitter.listenerCount('tick')).toBe(2);
  });

  it('once fires a single time and off removes it before it fired', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: number[] = [];
    emitter.once('tick', (n) => seen.push(n));
    emitter.emit('tick', 1, '');
    emitter.emit('tick', 2, '');
    const never = (n: number): void => void seen.push(n * 100);
    emitter.once('tick', never);
    expect(emitter.listenerCount('tick')).toBe(1);
    emitter.off('tick', never);
    emitter.emit('tick', 3, '');
    expect(seen).toEqual([1]);
    expect(emitter.listenerCount('tick')).toBe(0);
  });

  it('once stays single even when the listener emits the same event again', () => {
    const emitter = new TypedEmitter<Events>();
    let calls = 0;
    emitter.once('tick', () => {
      calls++;
      emitter.emit('tick', 0, 'inner');
    });
    emitter.emit('tick', 0, 'outer');
    expect(calls).toBe(1);
  });

  it('a listener added or removed during an emit takes effect from the next emit', () => {
    const emitter = new TypedEmitter<Events>();
    const seen: string[] = [];
    const late = (): void => void seen.push('late');
    const removed = (): void => void seen.push('removed');
    emitter.on('tick', () => {
      seen.push('adder');
      emitter.on('tick', late);
      emitter.off('tick', removed);
    });
    emitter.on('tick', removed);
    emitter.emit('tick', 0, '');
    expect(seen).toEqual(['adder', 'removed']);
    seen.length = 0;
    emitter.emit('tick', 0, '');
    expect(seen).toEqual(['adder', 'late']);
  });

  it('off removes one registration of a listener added twice, the most recent', () => {
    const emitter = new TypedEmitter<Events>();
    let calls = 0;
    const listener = (): void => void calls++;
    emitter.on('tick', listener);
    emitter.on('tick', listener);
    emitter.off('tick', listener);
    emitter.emit('tick', 0, '');
    expect(calls).toBe(1);
    emitter.off('tick', () => undefined);
    expect(emitter.listenerCount('tick')).toBe(1);
  });

  it('throws an error event nobody listens to, and delivers it to a listener', () => {
    const emitter = new TypedEmitter<Events>();
    const failure = new Error('boom');
    expect(() => emitter.emit('error', failure)).toThrow(failure);
    const caught: Error[] = [];
    emitter.on('error', (error) => caught.push(error));
    emitter.emit('error', failure);
    expect(caught).toEqual([failure]);
  });

  it('removeAllListeners clears one event or all of them', () => {
    const emitter = new TypedEmitter<Events>();
    emitter.on('tick', () => undefined);
    emitter.on('error', () => undefined);
    emitter.removeAllListeners('tick');
    expect([emitter.listenerCount('tick'), emitter.listenerCount('error')]).toEqual([0, 1]);
    emitter.removeAllListeners();
    expect(emitter.listenerCount('error')).toBe(0);
  });
});
