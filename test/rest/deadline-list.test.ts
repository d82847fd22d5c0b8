import { DeadlineList } from '../../src/rest/deadline-list';

describe('DeadlineList', () => {
  afterEach(() => jest.useRealTimers());

  it('fires each deadline once its time has passed, in order, and never a cancelled one', () => {
    jest.useFakeTimers();
    const list = new DeadlineList();
    const fired: string[] = [];
    list.add(100, () => fired.push('a'));
    const b = list.add(100, () => fired.push('b'));
    jest.advanceTimersByTime(30);
    list.add(100, () => fired.push('c'));
    list.add(50, () => fired.push('short'));
    b.cancel();
    jest.advanceTimersByTime(60);
    expect(fired).toEqual(['short']);
    jest.advanceTimersByTime(15);
    expect(fired).toEqual(['short', 'a']);
    jest.advanceTimersByTime(30);
    expect(fired).toEqual(['short', 'a', 'c']);
    expect(list.size).toBe(0);
    list.clear();
  });

  it('drops cancelled entries so a long run of finished attempts keeps nothing alive', () => {
    jest.useFakeTimers();
    const list = new DeadlineList();
    for (let index = 0; index < 10_000; index += 1) list.add(15_000, () => undefined).cancel();
    expect(list.size).toBe(0);
    const lanes = (list as unknown as { lanes: Map<number, { entries: unknown[]; head: number }> }).lanes;
    const lane = lanes.get(15_000);
    expect(lane === undefined ? 0 : lane.entries.length - lane.head).toBe(0);
    list.clear();
  });

  it('clear() stops every timer so nothing fires after close', () => {
    jest.useFakeTimers();
    const list = new DeadlineList();
    const fire = jest.fn();
    list.add(10, fire);
    list.clear();
    jest.advanceTimersByTime(100);
    expect(fire).not.toHaveBeenCalled();
  });
});
