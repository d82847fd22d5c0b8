import { getEventListeners } from 'node:events';
import { linkSignals } from '../../src/rest/linked-signal';

describe('linkSignals', () => {
  it.each(['own', 'closing'] as const)('aborts with the reason of %s and unhooks from both', (which) => {
    const own = new AbortController();
    const closing = new AbortController();
    const linked = linkSignals(own.signal, closing.signal);
    expect(linked.signal.aborted).toBe(false);
    (which === 'own' ? own : closing).abort(new Error(which));
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toEqual(new Error(which));
    expect(getEventListeners(own.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(closing.signal, 'abort')).toHaveLength(0);
  });

  it('starts aborted when a source already is, and release() unhooks a live link', () => {
    const closing = new AbortController();
    closing.abort('closed');
    expect(linkSignals(new AbortController().signal, closing.signal).signal.reason).toBe('closed');
    const own = new AbortController();
    const open = new AbortController();
    const linked = linkSignals(own.signal, open.signal);
    expect(getEventListeners(open.signal, 'abort')).toHaveLength(1);
    linked.release();
    expect(getEventListeners(own.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(open.signal, 'abort')).toHaveLength(0);
    open.abort();
    expect(linked.signal.aborted).toBe(false);
  });
});
