import { isUtf8 } from 'node:buffer';
import { InvalidUtf8Error, JsonDecoder } from '../../src/json';
import { decodeDifference } from './differential';
import { RandomJson } from './random-json';
import { countShapes, type ShapeCounts } from './shape-counter';

// The decoder's contract is JSON.parse's result for any input; every test here compares the two
// (see decodeDifference) rather than spelling out expected values. A shape is compiled on its
// second sighting, so inputs are decoded at least three times by one decoder: fresh, sighted
// twice (compiled), and through the compiled code.

let shapes: { counts: ShapeCounts; restore: () => void };
beforeEach(() => {
  shapes = countShapes();
});
afterEach(() => {
  shapes.restore();
});

function differences(decoder: JsonDecoder, texts: readonly string[], times = 1): string[] {
  const found: string[] = [];
  for (let round = 0; round < times; round++) {
    for (const text of texts) {
      const difference = decodeDifference(decoder, Buffer.from(text));
      if (difference !== undefined) found.push(`round ${round}: ${difference}`);
    }
  }
  return found;
}

describe('JsonDecoder equals JSON.parse', () => {
  it('on seeded random documents whose objects repeat shapes with values of changing kinds', () => {
    const found: string[] = [];
    for (let seed = 1; seed <= 24; seed++) {
      const random = new RandomJson(seed);
      const decoder = new JsonDecoder(seed % 2 === 0 ? { tagKey: 't' } : {});
      for (let i = 0; i < 150 && found.length < 5; i++) {
        const text = i % 3 === 0 ? random.document() : random.shapedDocument();
        const difference = decodeDifference(decoder, Buffer.from(text));
        if (difference !== undefined) found.push(`seed ${seed}, document ${i}: ${difference}`);
      }
    }
    expect(found).toEqual([]);
    // The compiled code ran, matched and missed, or equal results would prove little.
    expect(shapes.counts.compiled).toBeGreaterThan(1000);
    expect(shapes.counts.hits).toBeGreaterThan(2000);
    expect(shapes.counts.misses).toBeGreaterThan(2000);
  });

  it.each([
    ['numbers', ['0', '-0', '[-0,0,-0.0,0e0,-0E+0,0.0e-5]', '1e400', '-1e400', '1e-400', '123456789012345', '-123456789012345', '1234567890123456', '9007199254740993', '-9007199254740993', '18446744073709551616', '12345678901234567890', '123456789012345678901234567890', '0.1', '1.7976931348623157e308', '5e-324', '2.2250738585072014e-308', '1E2', '1e+2', '1e-2', '[1.5,-2.5e-3,10,-10]']],
    ['strings', ['"\\ud83d\\ude00"', '"\\ud800"', '"\\udc00x"', '"\\uD83D\\uDE00"', '"\\u0000"', '"😀中é"', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\u2028\u2029\u007f"', '""', `"${'a'.repeat(12)}"`, `"${'b'.repeat(13)}"`, `"${'c'.repeat(24)}"`, `"${'d'.repeat(25)}"`, `"${'e'.repeat(36)}"`, `"${'f'.repeat(37)}"`, `"${'g'.repeat(5000)}"`]],
    ['special keys', ['{"__proto__":1}', '{"__proto__":{"a":1},"b":2}', '{"__proto__":null}', '{"__proto__":[]}', '{"a":1,"a":2}', '{"a":1,"b":2,"a":3}', '{"__proto__":1,"__proto__":2}', '{"b":1,"1":2,"0":3,"a":4,"-1":5,"01":6,"4294967294":7,"4294967295":8,"1.5":9}', '{"constructor":1,"toString":2,"hasOwnProperty":3,"valueOf":{}}', '{"":1}', '{"a\\u0062":1}', '{"\\"":1,"\\\\":2}', '{"😀":1,"ключ":2,"键":3}']],
    ['structure', ['{"a":{},"b":[],"c":[{}],"d":[[]]}', ' \t\n\r{ "a" : [ 1 , 2 ] , "b" : { } } \n', '[]', '{}', '[{}]', 'true', 'false', 'null', '"x"', '[true,false,null]', '{"a":true,"b":false,"c":null}']],
    ['tag placements', ['{"t":"A","d":{"x":1}}', '{"t":null,"d":{"x":1}}', '{"t":1,"d":{"x":1}}', '{"d":{"x":1},"t":"A"}', '{"t":"A","t":"B","d":{"x":1}}', '{"t":"__proto__","d":{"x":1}}', '{"t":"","d":{"x":1}}', '{"t":"A","d":[{"x":1},{"x":2}]}']],
  ])('on edge cases (%s), fresh, sighted and compiled', (_, texts) => {
    expect(differences(new JsonDecoder({ tagKey: 't' }), texts, 3)).toEqual([]);
  });

  const KINDS = ['"s"', '"1310000000000000001"', '"2026-11-25T03:00:00.000000+00:00"', '"a\\nb"', '"é😀"', '""', '0', '-0', '7', '-12', '1.5', '1e3', '12345678901234567', 'true', 'false', 'null', '{}', '{"x":1}', '[]', '[1,{"y":2}]', ' 1', ' "s" '];

  it.each(KINDS)('when a shape learned with %s at each key meets every kind of value there', (learned) => {
    const found: string[] = [];
    for (let at = 0; at < 3; at++) {
      const decoder = new JsonDecoder();
      const doc = (value: string): string => {
        const values = ['"1310000000000000001"', '"bread"', '0'];
        values[at] = value;
        // Nested too, so a compiled object inside a compiled object misses and hits.
        return `{"id":${values[0]},"name":${values[1]},"flags":${values[2]},"m":{"id":${values[0]},"name":${values[1]},"flags":${values[2]}}}`;
      };
      found.push(...differences(decoder, [doc(learned), doc(learned)]));
      found.push(...differences(decoder, KINDS.map(doc), 2));
    }
    expect(found).toEqual([]);
    expect(shapes.counts.hits).toBeGreaterThan(0);
    expect(shapes.counts.misses).toBeGreaterThan(0);
  });

  it('when an object differs from a compiled shape in one key, in the order of keys, or in whitespace', () => {
    const decoder = new JsonDecoder();
    const base = '{"id":1,"name":"a","type":0}';
    const variants = [
      '{"id":1,"name":"a","typ":0}',
      '{"id":1,"name":"a","types":0}',
      '{"id":1,"nam":"a","type":0}',
      '{"id":1,"name":"a","type":0,"x":1}',
      '{"id":1,"name":"a"}',
      '{"id":1,"name":"a","typ\\u0065":0}',
      '{"name":"a","id":1,"type":0}',
      '{"id":1,"name":"a","type":0,"type":1}',
      '{"id":1,"name":"a","__proto__":0}',
      '{"id":1,"name":"a","0":0}',
      '{"id":1,"name":"a","type":0 }',
      '{ "id":1,"name":"a","type":0}',
      '{"id" :1,"name":"a","type":0}',
      '{"id":1,\n"name":"a","type":0}',
      '{"id":1,"name":"a","type":0}',
      '{}',
    ];
    expect(differences(decoder, [base, base, ...variants, base, ...variants.map((v) => `[${v},${base},${v}]`)], 2)).toEqual([]);
    expect(shapes.counts.misses).toBeGreaterThan(variants.length);
  });

  it('on a plain Uint8Array, a view into a larger buffer, and a range of one, with more JSON after it', () => {
    const decoder = new JsonDecoder();
    const text = '{"id":"1310000000000000001","content":"ok 😀","n":-0,"list":[1,2]}';
    const length = Buffer.byteLength(text);
    const shared = Buffer.from(`]]]${text},"more":"after"}]]`);
    const found: string[] = [];
    for (let i = 0; i < 3; i++) {
      found.push(decodeDifference(decoder, new Uint8Array(Buffer.from(text))) ?? '');
      found.push(decodeDifference(decoder, shared.subarray(3, 3 + length)) ?? '');
      found.push(decodeDifference(decoder, shared, 3, 3 + length) ?? '');
      // Cut short inside the shared buffer, the bytes after the end would complete the value:
      // JSON.parse refuses the range, so must the decoder, wherever the cut falls.
      for (let end = 3; end < 3 + length; end++) {
        found.push(decodeDifference(decoder, shared.subarray(3, end)) ?? '');
        found.push(decodeDifference(decoder, shared, 3, end) ?? '');
      }
    }
    expect(found.filter((f) => f !== '')).toEqual([]);
  });

  it('on invalid UTF-8, as Buffer#toString decodes it (U+FFFD), in values, keys and compiled shapes', () => {
    const decoder = new JsonDecoder();
    const quote = (bytes: number[]): number[] => [0x22, ...bytes, 0x22];
    const invalid = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82, 0x41]];
    const inputs = invalid.flatMap((bytes) => [
      Buffer.from(quote(bytes)),
      Buffer.concat([Buffer.from('{"k":'), Buffer.from(quote(bytes)), Buffer.from('}')]),
      Buffer.concat([Buffer.from('{'), Buffer.from(quote(bytes)), Buffer.from(':1}')]),
      Buffer.concat([Buffer.from('{"k":"'), Buffer.from('x'.repeat(20)), Buffer.from(bytes), Buffer.from('"}')]),
    ]);
    const found: string[] = [];
    for (let round = 0; round < 3; round++) for (const bytes of inputs) found.push(decodeDifference(decoder, bytes) ?? '');
    expect(found.filter((f) => f !== '')).toEqual([]);
  });

  it('with rejectInvalidUtf8, throws InvalidUtf8Error exactly for input that is not UTF-8 and is JSON.parse otherwise', () => {
    const random = new RandomJson(99);
    const decoder = new JsonDecoder({ rejectInvalidUtf8: true });
    const found: string[] = [];
    const strays = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];
    for (let i = 0; i < 300; i++) {
      const base = Buffer.from(random.shapedDocument());
      const at = random.int(base.length + 1);
      // Invalid bytes anywhere (in strings, keys, between tokens), or valid text with U+FFFD in it.
      const insert = i % 4 === 0 ? Buffer.from(random.pick(['\uFFFD', '�', 'é'])) : Buffer.from(random.pick(strays));
      const bytes = Buffer.concat([base.subarray(0, at), insert, base.subarray(at)]);
      let outcome: string;
      try {
        decoder.decode(bytes);
        outcome = 'value';
      } catch (error) {
        outcome = error instanceof InvalidUtf8Error ? 'InvalidUtf8Error' : 'other';
      }
      if (!isUtf8(bytes)) {
        if (outcome !== 'InvalidUtf8Error') found.push(`${outcome} for ${JSON.stringify(bytes.toString('latin1'))}`);
      } else {
        const difference = decodeDifference(decoder, bytes);
        if (difference !== undefined) found.push(difference);
      }
    }
    expect(found).toEqual([]);
  });

  it('when Object.prototype has an accessor or a read-only property of a key\'s name: an own data property, no setter called', () => {
    const calls: unknown[] = [];
    Object.defineProperty(Object.prototype, 'polluted', { get: () => 'inherited', set: (value: unknown) => calls.push(value), configurable: true });
    Object.defineProperty(Object.prototype, 'readOnly', { value: 'inherited', writable: false, configurable: true });
    try {
      const decoder = new JsonDecoder();
      const texts = ['{"polluted":1,"a":2}', '{"a":{"readOnly":3,"polluted":[4]}}', '{"readOnly":1,"readOnly":2}'];
      expect(differences(decoder, texts, 3)).toEqual([]);
      expect(calls).toEqual([]);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
      delete (Object.prototype as Record<string, unknown>).readOnly;
    }
  });

  it('at the learning limits: 96 and 97 keys, more shapes at one place than it keeps, more tags than it keeps apart', () => {
    const decoder = new JsonDecoder({ tagKey: 't' });
    const wide = (count: number, salt: number): string => `{${Array.from({ length: count }, (_, i) => `"k${i}":${i === count - 1 ? salt : `"v${i}"`}`).join(',')}}`;
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) texts.push(wide(96, i), wide(97, i));
    // Six shapes taking turns at the root and in `d`, each seen twice in a row: compiled, evicted, compiled again.
    for (let round = 0; round < 4; round++) {
      for (let shape = 0; shape < 6; shape++) {
        const text = `{"s${shape}":${round},"d":{"x${shape}":[${round}]}}`;
        texts.push(text, text);
      }
    }
    // 600 distinct tags, then the first ones again.
    for (let tag = 0; tag < 600; tag++) texts.push(`{"t":"T${tag}","d":{"a":${tag},"b":"${tag % 2 === 0 ? 'x' : 'y'}"}}`);
    for (let tag = 0; tag < 20; tag++) texts.push(`{"t":"T${tag}","d":{"a":${tag},"b":null}}`);
    texts.push(`[${Array.from({ length: 10_000 }, (_, i) => `{"id":"${i}","n":${i}}`).join(',')}]`);
    expect(differences(decoder, texts, 2)).toEqual([]);
    expect(decoder.stats().fallbacks).toBe(0);
  });

  it('keeps nothing of the input: overwriting the bytes after a decode changes no decoded value', () => {
    const decoder = new JsonDecoder({ tagKey: 't' });
    const text = JSON.stringify({ t: 'MESSAGE_CREATE', d: { id: '1310000000000000001', content: `${'long text '.repeat(20)}😀`, when: '2026-11-25T03:00:00.000000+00:00', hash: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', n: 12.5, escaped: 'a\nb' } });
    const found: string[] = [];
    for (let round = 0; round < 4; round++) {
      // The read buffer a socket reuses for the next frame.
      const bytes = Buffer.from(round === 3 ? JSON.stringify(JSON.parse(text), null, 1) : text);
      const value = decoder.decode(bytes);
      const before = JSON.stringify(value);
      bytes.fill(0x30);
      if (JSON.stringify(value) !== before || before !== JSON.stringify(JSON.parse(text))) found.push(`round ${round}: ${JSON.stringify(value)}`);
    }
    expect(found).toEqual([]);
  });
});
