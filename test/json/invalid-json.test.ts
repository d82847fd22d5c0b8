import { JsonDecoder } from '../../src/json';
import { decodeDifference } from './differential';
import { discordFrames } from './discord-frames';
import { RandomJson } from './random-json';

// Invalid input must throw exactly what JSON.parse throws (class and message), also once the
// decoder has compiled the shapes the input starts like: the compiled code is what reads it first.

const INVALID = [
  '', ' ', '\ufeff{}', '\ufeff1',
  '01', '-01', '00', '1.', '.5', '-', '+1', '-.5', '1e', '1e+', '1.e5', '0x10', 'NaN', 'Infinity', '-Infinity', '1_000',
  'tru', 'nul', 'fals', 'True', 'nulll', 'truex', 'undefined',
  '[1,]', '{"a":1,}', '[,1]', '{,"a":1}', '[1 2]', '{"a" 1}', '{"a":1 "b":2}', '{"a"}', '{a:1}', "{'a':1}", '{"a":1}}', '[1]]', '{"a":1}x', '1 2', '"a"b', '{"a":1}\u0000',
  '"a\nb"', '"\t"', '"\u0000"', '"\u001f"', '{"a\nb":1}',
  '"abc', '{"a":"abc', '{"a', '["a\\"]', '"\\', '"\\u12"', '"\\u12g4"', '"\\x41"', '"\\a"', '"\\\'"', '"\\U0041"', '{"a\\x":1}',
  '[', '{', ']', '}', '[[[]]', '{"a":{"b":{}}',
  '\u000b1', '\u000c1', '\u00a01', '1\u2028', '[1,\u00a02]',
];

function warmDecoder(): JsonDecoder {
  const decoder = new JsonDecoder({ tagKey: 't' });
  // Shapes like those the invalid inputs start with, compiled (seen twice) and used.
  for (let i = 0; i < 3; i++) {
    for (const text of ['{"a":1}', '{"a":"abc"}', '{"a":1,"b":2}', '["a"]', '{"a":{"b":{}}}', '[1,2]', '{"a":[1]}', '[[[]]]']) decoder.decode(Buffer.from(text));
  }
  return decoder;
}

describe('JsonDecoder on invalid JSON', () => {
  it.each([
    ['a fresh decoder', () => new JsonDecoder()],
    ['a decoder with compiled shapes', warmDecoder],
  ])('throws what JSON.parse throws, with %s', (_, makeDecoder) => {
    const decoder = makeDecoder();
    const found = INVALID.map((text) => decodeDifference(decoder, Buffer.from(text))).filter((d) => d !== undefined);
    expect(found).toEqual([]);
    expect(() => decoder.decode(Buffer.from('{"a":1,}'))).toThrow(SyntaxError);
  });

  it('throws what JSON.parse throws for every truncation of Discord frames whose shapes are compiled', () => {
    const frames = discordFrames(7, 60);
    const decoder = new JsonDecoder({ tagKey: 't' });
    for (let i = 0; i < 2; i++) for (const frame of frames) decoder.decode(Buffer.from(frame.text));
    const found: string[] = [];
    // The first frame of each kind, cut at every byte (a GUILD_CREATE over 3 KB at 300 places).
    const firsts = [...new Map(frames.map((frame) => [frame.t, frame] as const)).values()];
    for (const frame of firsts) {
      const bytes = Buffer.from(frame.text);
      const step = bytes.length > 3000 ? Math.ceil(bytes.length / 300) : 1;
      for (let end = 0; end < bytes.length && found.length < 5; end += step) {
        // A copy of the prefix, and the same range of the whole frame (whose bytes after the
        // cut would complete every value the cut falls in).
        const difference = decodeDifference(decoder, Buffer.from(bytes.subarray(0, end))) ?? decodeDifference(decoder, bytes, 0, end);
        if (difference !== undefined) found.push(difference);
      }
      // Still decodes the whole frame, through its compiled shapes, after all those failures.
      found.push(decodeDifference(decoder, bytes) ?? '');
    }
    expect(found.filter((f) => f !== '')).toEqual([]);
    expect(decoder.stats().fast).toBeGreaterThan(120);
  });

  it('equals JSON.parse (value or error) for seeded one-byte edits of documents whose shapes are compiled', () => {
    const alphabet = Buffer.from(' \t\n\r{}[],:"\\/0123456789-+.eEtrufalsnx\u0000\u001f\u007f', 'latin1');
    const found: string[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const random = new RandomJson(seed);
      const decoder = new JsonDecoder(seed % 2 === 0 ? { tagKey: 't' } : {});
      for (let i = 0; i < 40 && found.length < 5; i++) {
        const base = Buffer.from(random.shapedDocument());
        decoder.decode(base);
        decoder.decode(base);
        for (let k = 0; k < 15; k++) {
          const at = random.int(base.length + 1);
          const byte = Buffer.from([alphabet[random.int(alphabet.length)] as number]);
          const edit = random.int(4);
          const edited =
            edit === 0
              ? base.subarray(0, random.int(base.length))
              : edit === 1
                ? Buffer.concat([base.subarray(0, at), byte, base.subarray(at + 1)])
                : edit === 2
                  ? Buffer.concat([base.subarray(0, at), byte, base.subarray(at)])
                  : Buffer.concat([base.subarray(0, at), base.subarray(at + 1)]);
          const difference = decodeDifference(decoder, edited);
          if (difference !== undefined) found.push(`seed ${seed}: ${difference}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
