import { MISS, type ShapeParser, type ShapeSite, type ValueKind } from './shape-site';

/** What compiled shapes call back into: the decoder's general parsing, for anything unexpected. */
export interface ShapeHost {
  /** Where the last value parsed ended (one past its last byte). */
  pos: number;
  value(p: number, site: ShapeSite): unknown;
  object(p: number, site: ShapeSite): unknown;
  string(p: number): string;
  number(p: number): number;
  /** A copy of bytes [start, end) known to be printable ASCII with no escapes. */
  flat(start: number, end: number): string;
}

/**
 * Bytes a string's fast scan stops at: `"` (1), and `\`, control characters and non-ASCII (2),
 * which the general string parser handles.
 */
export const STOP = new Uint8Array(256);
STOP[0x22] = 1;
STOP[0x5c] = 2;
for (let c = 0; c < 0x20; c++) STOP[c] = 2;
for (let c = 0x80; c < 0x100; c++) STOP[c] = 2;

/**
 * Compiles one object shape (its keys in order) into straight-line code: each key is checked byte by
 * byte against constants, each value parsed by the code for the kind it had when learned (anything
 * else goes to the host's general parser), and the object built by one literal, so every object of
 * the shape gets the same hidden class at once. Code generation is what makes this faster than
 * JSON.parse, which looks each key up in V8's string table.
 *
 * `tagIndex` is the position of the tag key (a gateway payload's `t`) when it holds a string: the
 * sites of later object and array values are then chosen by the tag's value.
 */
export function compileShape(host: ShapeHost, keys: readonly string[], kinds: readonly ValueKind[], children: readonly ShapeSite[], tagIndex: number): ShapeParser {
  const lines: string[] = [];
  const names = keys.map((_, i) => `v${i}`);
  lines.push(`let s = 0, e = 0;`);
  if (names.length > 0) lines.push(`let ${names.join(', ')};`);
  lines.push(`p++;`);
  if (keys.length === 0) lines.push(`if (b[p] !== 125) return MISS;`);
  keys.forEach((key, i) => {
    const token = Buffer.from(`${JSON.stringify(key)}:`, 'utf8');
    lines.push(`if (${Array.from(token, (byte, j) => `b[p + ${j}] !== ${byte}`).join(' || ')}) return MISS;`);
    lines.push(`p += ${token.length};`);
    const site = tagIndex >= 0 && tagIndex < i ? `(typeof v${tagIndex} === 'string' ? C[${i}].forTag(v${tagIndex}) : C[${i}])` : `C[${i}]`;
    lines.push(valueCode(names[i] as string, kinds[i] as ValueKind, site));
    lines.push(i === keys.length - 1 ? `if (b[p] !== 125) return MISS;` : `if (b[p] !== 44) return MISS; p++;`);
  });
  lines.push(`H.pos = p + 1;`);
  // Plain (quoted) keys let V8 build the object from a literal boilerplate with its properties
  // in the object itself; computed keys would add them one by one into a separate backing store.
  // Only "__proto__" must stay computed: as a plain key it would set the prototype.
  lines.push(`return { ${keys.map((key, i) => `${key === '__proto__' ? `["__proto__"]` : JSON.stringify(key)}: ${names[i]}`).join(', ')} };`);
  const body = `return function shape(b, p) {\n${lines.join('\n')}\n};`;
  // The only input to the generated code is JSON.stringify'd keys and numbers: no payload text is evaluated.
  const factory = new Function('H', 'C', 'MISS', 'STOP', body) as (host: ShapeHost, children: readonly ShapeSite[], miss: typeof MISS, stop: Uint8Array) => ShapeParser;
  return factory(host, children, MISS, STOP);
}

/** The code that parses the value at `p` into `target` and leaves `p` after it. */
function valueCode(target: string, kind: ValueKind, site: string): string {
  const general = `{ ${target} = H.value(p, ${site}); p = H.pos; }`;
  switch (kind) {
    case 'string':
      return `if (b[p] === 34) { s = p + 1; e = s; while (STOP[b[e]] === 0) e++; if (b[e] === 34) { ${target} = H.flat(s, e); p = e + 1; } else { ${target} = H.string(p); p = H.pos; } } else ${general}`;
    case 'number':
      return (
        `if (b[p] === 48 && (b[p + 1] === 44 || b[p + 1] === 125)) { ${target} = 0; p++; } ` +
        `else if (b[p] === 45 || (b[p] >= 48 && b[p] <= 57)) { ${target} = H.number(p); p = H.pos; } else ${general}`
      );
    case 'null':
      return `if (b[p] === 110 && b[p + 1] === 117 && b[p + 2] === 108 && b[p + 3] === 108) { ${target} = null; p += 4; } else ${general}`;
    case 'boolean':
      return (
        `if (b[p] === 102 && b[p + 1] === 97 && b[p + 2] === 108 && b[p + 3] === 115 && b[p + 4] === 101) { ${target} = false; p += 5; } ` +
        `else if (b[p] === 116 && b[p + 1] === 114 && b[p + 2] === 117 && b[p + 3] === 101) { ${target} = true; p += 4; } else ${general}`
      );
    case 'array':
      return `if (b[p] === 91 && b[p + 1] === 93) { ${target} = []; p += 2; } else ${general}`;
    case 'object':
      return `if (b[p] === 123) { ${target} = H.object(p, ${site}); p = H.pos; } else ${general}`;
  }
}
