import { resolve } from 'node:path';
import { debugPrints } from './debug-prints';

// What a cache keeps of decoded payloads should cost what JSON.parse's values cost: short arrays
// of their exact length and one shared string for a repeated short value ("0", "2048"). Neither
// shows in JavaScript, so a child node with --allow-natives-syntax asks V8 (%DebugPrint).

const SCRIPT = `
const { JsonDecoder } = require(${JSON.stringify(resolve(__dirname, '../../src/json'))});
const decoder = new JsonDecoder();
const frame = (i) => Buffer.from(JSON.stringify({ id: String(1310000000000000000n + BigInt(i)), deny: '2048', overwrites: [{ id: 'a' + i, allow: '0' }, { id: 'b' + i, allow: '0' }] }));
const seen = [];
// Fresh (general parser), sighted twice (compiled), then through the compiled shape.
for (let i = 0; i < 4; i++) seen.push(decoder.decode(frame(i)));
for (const [round, value] of seen.entries()) {
  %DebugPrint('@@array ' + round + '@@'.slice(0));
  %DebugPrint(value.overwrites);
  %DebugPrint('@@deny ' + round + '@@'.slice(0));
  %DebugPrint(value.deny);
}
`;

describe('What a cache keeps of JsonDecoder values', () => {
  it('is no larger than JSON.parse values: exact short arrays, one string for a repeated short value', () => {
    const prints = debugPrints(SCRIPT);
    for (let round = 0; round < 4; round++) {
      // The elements' backing store: 2 slots, not the 17 a pushed array keeps.
      expect(/- elements: 0x[0-9a-f]+ <FixedArray\[(\d+)\]>/.exec(prints.get(`array ${round}`) ?? '')?.[1]).toBe('2');
    }
    // The same address each time: the second and later '2048' are the first one.
    const addresses = [0, 1, 2, 3].map((round) => /^(0x[0-9a-f]+)/.exec(prints.get(`deny ${round}`) ?? '')?.[1]);
    expect(addresses[0]).toMatch(/^0x/);
    expect(new Set(addresses).size).toBe(1);
  }, 60_000);
});
