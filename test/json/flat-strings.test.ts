import { resolve } from 'node:path';
import { debugPrints } from './debug-prints';

// A V8 substring of 13 characters or more is a SlicedString: a view that keeps its whole parent
// alive. A decoded 19-character id retained by a cache must not keep a kilobyte frame's text alive,
// so every decoded string must be a string of its own. Nothing in JavaScript tells a sliced string
// apart, so a child node with --allow-natives-syntax asks V8 (%DebugPrint names the string type).

const SCRIPT = `
const { JsonDecoder } = require(${JSON.stringify(resolve(__dirname, '../../src/json'))});
const decoder = new JsonDecoder({ tagKey: 't' });
const padding = 'p'.repeat(3000);
const d = { pad: padding };
for (const length of [12, 13, 19, 24, 25, 32, 36, 37, 40, 41, 80]) d['ascii' + length] = '1'.repeat(length);
d.escaped = 'line\\n' + 'e'.repeat(40);
d.unicode = 'é'.repeat(30) + '😀';
d.list = ['1310000000000000001', '2026-11-25T03:00:00.000000+00:00'];
d.inner = { id: '1310000000000000002', avatar: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
const text = JSON.stringify({ t: 'MESSAGE_CREATE', s: 1, op: 0, d });
// %DebugPrint writes through C stdio, so the names go the same way to keep their order.
function marker(name) { return ('@@' + name + '@@').slice(0); }
function report(round, path, value) {
  if (typeof value === 'string') { %DebugPrint(marker(round + ' ' + path)); %DebugPrint(value); }
  else if (value !== null && typeof value === 'object') for (const key of Object.keys(value)) report(round, path + '.' + key, value[key]);
}
// Fresh (general parser), sighted twice (compiled), then through the compiled shapes.
for (let round = 0; round < 4; round++) report(round, '$', decoder.decode(Buffer.from(text)));
// With whitespace the compiled shapes miss and the general parser reads the values.
report(4, '$', decoder.decode(Buffer.from(JSON.stringify(JSON.parse(text), null, 1))));
// The check itself: a plain substring of 19 characters is sliced.
%DebugPrint(marker('control'));
%DebugPrint(padding.slice(100, 119));
`;

/** The V8 type of each string the script printed, by name. */
function stringTypes(): Map<string, string> {
  const types = new Map<string, string>();
  for (const [name, block] of debugPrints(SCRIPT)) types.set(name, /- type: ([A-Z_]+)/.exec(block)?.[1] ?? 'unknown');
  return types;
}

describe('JsonDecoder strings', () => {
  it('are flat copies, never V8 sliced or cons strings, whichever path decoded them', () => {
    const types = stringTypes();
    expect(types.get('control')).toBe('SLICED_ONE_BYTE_STRING_TYPE');
    types.delete('control');
    // 5 rounds of 19 strings each.
    expect(types.size).toBe(95);
    // Flat too, not a ConsString of pieces: a cons string is flattened (copied again) on its
    // first use as a Map key or in a comparison, which a cached id soon is.
    expect([...types].filter(([, type]) => !/^(INTERNALIZED_|EXTERNAL_|THIN_)?(ONE_BYTE_)?STRING_TYPE$/.test(type))).toEqual([]);
  }, 60_000);
});
