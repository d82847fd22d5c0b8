import { JsonDecoder } from '../../src/json';
import { decodeDifference } from './differential';

// JSON.parse is not recursive in V8 and takes any depth; the decoder recurses, so a deep input
// overflows its stack and must end as JSON.parse ends, leaving the decoder as usable as before.

const DEPTH = 100_000;
const DEEP = [
  '['.repeat(DEPTH) + ']'.repeat(DEPTH),
  '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH),
  '[{"a":[{"b":'.repeat(DEPTH / 4) + 'null' + '}]}]'.repeat(DEPTH / 4),
  '['.repeat(DEPTH),
  '['.repeat(DEPTH) + ']'.repeat(DEPTH - 1),
  '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH) + ',',
];

describe('JsonDecoder on nesting deeper than the stack', () => {
  it('gives what JSON.parse gives, before and after its shapes are compiled, and keeps decoding', () => {
    const decoder = new JsonDecoder();
    const frame = Buffer.from('{"a":{"a":{"a":1}},"b":[{"a":[{"b":null}]}]}');
    const found: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (const text of DEEP) found.push(decodeDifference(decoder, Buffer.from(text)) ?? '');
      decoder.decode(frame);
      decoder.decode(frame);
    }
    expect(found.filter((f) => f !== '')).toEqual([]);
    const before = decoder.stats();
    expect(decodeDifference(decoder, frame)).toBeUndefined();
    expect(decoder.stats()).toEqual({ fast: before.fast + 1, fallbacks: before.fallbacks });
  });
});
