import { LazyResponse } from '../../src/rest/lazy-response';

const raw = (pairs: Array<[string, string]>): Buffer[] => pairs.flatMap(([name, value]) => [Buffer.from(name), Buffer.from(value)]);

describe('LazyResponse', () => {
  it('decodes the raw headers on first read into lower-cased names, repeated names as arrays', () => {
    const response = new LazyResponse(200, raw([['Content-Type', 'application/json'], ['Set-Cookie', 'a=1'], ['set-cookie', 'b=2']]), { id: '1' });
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
    expect(response.headers).toBe(response.headers);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ id: '1' });
  });

  it('behaves like a plain object for spread, JSON and assignment', () => {
    const response = new LazyResponse(201, raw([['X-Test', 'yes']]), 'ok');
    const copy = { ...response, data: 'changed' };
    expect(copy).toEqual({ status: 201, headers: { 'x-test': 'yes' }, data: 'changed' });
    expect(JSON.parse(JSON.stringify(response))).toEqual({ status: 201, headers: { 'x-test': 'yes' }, data: 'ok' });
    response.headers = { replaced: 'true' };
    expect(response.headers).toEqual({ replaced: 'true' });
    expect(Object.keys(response)).toEqual(['status', 'headers', 'data']);
  });

  it('keeps a __proto__ header as a header instead of changing the prototype', () => {
    const response = new LazyResponse(200, raw([['__proto__', 'x']]), undefined);
    expect(Object.getPrototypeOf(response.headers)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(response.headers, '__proto__')?.value).toBe('x');
  });
});

describe('LazyResponse headers named like Object.prototype members', () => {
  it('stores them as plain headers', () => {
    const response = new LazyResponse(200, raw([['Constructor', 'c'], ['toString', 't']]), undefined);
    expect(response.headers).toEqual({ constructor: 'c', tostring: 't' });
  });
});
