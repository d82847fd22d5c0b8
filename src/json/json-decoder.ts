import { isUtf8 } from 'node:buffer';
import { compileShape, STOP, type ShapeHost } from './shape-compiler';
import { InvalidUtf8Error } from './invalid-utf8-error';
import { MISS, ShapeSite, type ValueKind } from './shape-site';

const latin1Slice = Buffer.prototype.latin1Slice as (this: Uint8Array, start: number, end: number) => string;
const utf8Slice = Buffer.prototype.utf8Slice as (this: Uint8Array, start: number, end: number) => string;
const EMPTY = new Uint8Array(0);

type FromCharCode = (bytes: Uint8Array, start: number) => string;
/** Longest string built by {@link FROM_CHAR_CODE}; longer ones are copied by Node. */
const MAX_FROM_CHAR_CODE = 40;
/**
 * By length: `String.fromCharCode(b[s], b[s + 1], ...)` with that many arguments, written out.
 * Empty when the process forbids code generation (`--disallow-code-generation-from-strings`):
 * every decode then goes to JSON.parse, which is what the decoder would be without its compiled code.
 */
const FROM_CHAR_CODE: readonly FromCharCode[] = writeFromCharCodes();

function writeFromCharCodes(): FromCharCode[] {
  try {
    return Array.from(
      { length: MAX_FROM_CHAR_CODE + 1 },
      (_, length) => new Function('b', 's', `return String.fromCharCode(${Array.from({ length }, (__, i) => `b[s + ${i}]`).join(', ')});`) as FromCharCode,
    );
  } catch {
    return [];
  }
}
const CAN_COMPILE = FROM_CHAR_CODE.length > 0;

/** Strings up to this many bytes are shared through the intern table, as JSON.parse shares them. */
const MAX_INTERNED = 10;
/** Slots of the intern table (a power of two): what it keeps is bounded by this. */
const INTERN_SLOTS = 4096;

/** Arrays shorter than this are copied to their exact length when complete (see `array`). */
const SHORT_ARRAY = 12;

/** Thrown inside the fast path when the input is anything it does not handle; never escapes. */
const FALLBACK = new Error('json-decoder: fall back to JSON.parse');

/** Options of a {@link JsonDecoder}. */
export interface JsonDecoderOptions {
  /**
   * A key whose string value tells payload kinds apart (a gateway payload's `t`): objects and
   * arrays after it in the same object learn their shapes per value, so MESSAGE_CREATE's `d` and
   * GUILD_CREATE's `d` keep separate compiled shapes. Only a tag that comes before them counts.
   */
  readonly tagKey?: string;
  /**
   * Throw {@link InvalidUtf8Error} for input that is not valid UTF-8, instead of decoding invalid
   * sequences to U+FFFD as `Buffer#toString` does (a WebSocket text message must be valid UTF-8).
   * @defaultValue false
   */
  readonly rejectInvalidUtf8?: boolean;
}

/** How a decoder's inputs went: through the compiled fast path, or handed to JSON.parse. */
export interface JsonDecoderStats {
  readonly fast: number;
  readonly fallbacks: number;
}

/**
 * Decodes UTF-8 JSON bytes to the same value `JSON.parse(bytes.toString())` gives, faster for
 * inputs whose objects come in recurring shapes, as Discord's payloads do.
 *
 * It learns each place's object shapes (keys in order) as payloads arrive and compiles them into
 * code that checks the keys byte by byte and builds each object with one literal. Anything it does
 * not expect (whitespace, escapes in keys, a new shape, invalid JSON) is parsed the general way or,
 * for the whole input, by `JSON.parse`: the result is always JSON.parse's, and invalid input throws
 * JSON.parse's `SyntaxError`. Strings are always copies, never views that would keep the input alive.
 *
 * One decoder keeps what it learned (a few compiled functions per object shape); use one per
 * stream of similar payloads. Not reentrant: decode is synchronous.
 *
 * @example
 * ```ts
 * const decoder = new JsonDecoder({ tagKey: 't' });
 * const payload = decoder.decode(Buffer.from('{"t":"READY","s":1,"op":0,"d":{"v":10}}'));
 * ```
 */
export class JsonDecoder implements ShapeHost {
  public pos = 0;
  /** Short strings by a hash of their bytes, one per slot (see `interned`). */
  private readonly internTable: string[] = new Array<string>(INTERN_SLOTS).fill('');
  private bytes: Uint8Array = EMPTY;
  private readonly root = new ShapeSite();
  private readonly tagKey: string | undefined;
  private readonly rejectInvalidUtf8: boolean;
  private fastCount = 0;
  private fallbackCount = 0;

  public constructor(options: JsonDecoderOptions = {}) {
    this.tagKey = options.tagKey;
    this.rejectInvalidUtf8 = options.rejectInvalidUtf8 === true;
  }

  /**
   * Decodes the UTF-8 JSON text in `bytes[start, end)` (all of `bytes` by default); throws
   * JSON.parse's SyntaxError when it is not valid JSON. The bytes are only read during the call.
   * Unlike `Buffer#toString`, a range outside `bytes` is not clamped: it throws a RangeError.
   */
  public decode(bytes: Uint8Array, start = 0, end = bytes.length): unknown {
    if (!CAN_COMPILE) {
      this.fallbackCount++;
      return this.parseWhole(bytes, start, end);
    }
    this.bytes = bytes;
    try {
      const value = this.value(start, this.root);
      // Parsing only moves forward, so a value that ran past `end` (into whatever follows the
      // input in a shared read buffer) ends past it and is refused here.
      if (this.skipSpace(this.pos) !== end) throw FALLBACK;
      this.fastCount++;
      return value;
    } catch {
      // Whatever went wrong (bad JSON, nesting deeper than the stack), JSON.parse decides: it
      // returns the value or throws the error a caller of JSON.parse would get.
      this.fallbackCount++;
      return this.parseWhole(bytes, start, end);
    } finally {
      this.bytes = EMPTY;
    }
  }

  private parseWhole(bytes: Uint8Array, start: number, end: number): unknown {
    const text = utf8Slice.call(bytes, start, end);
    if (this.rejectInvalidUtf8 && text.indexOf('\uFFFD') !== -1 && !isUtf8(bytes.subarray(start, end))) throw new InvalidUtf8Error();
    return JSON.parse(text);
  }

  public stats(): JsonDecoderStats {
    return { fast: this.fastCount, fallbacks: this.fallbackCount };
  }

  /** @internal */
  public value(p: number, site: ShapeSite): unknown {
    const b = this.bytes;
    p = this.skipSpace(p);
    const c = b[p];
    if (c === 0x22) return this.string(p);
    if (c === 0x7b) return this.object(p, site);
    if (c === 0x5b) return this.array(p, site);
    if (c === 0x74 && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65) {
      this.pos = p + 4;
      return true;
    }
    if (c === 0x66 && b[p + 1] === 0x61 && b[p + 2] === 0x6c && b[p + 3] === 0x73 && b[p + 4] === 0x65) {
      this.pos = p + 5;
      return false;
    }
    if (c === 0x6e && b[p + 1] === 0x75 && b[p + 2] === 0x6c && b[p + 3] === 0x6c) {
      this.pos = p + 4;
      return null;
    }
    return this.number(p);
  }

  /** @internal The object at `p` (its `{`): a compiled shape of the site if one matches. */
  public object(p: number, site: ShapeSite): unknown {
    const shapes = site.shapes;
    for (let i = 0; i < shapes.length; i++) {
      const value = (shapes[i] as (b: Uint8Array, p: number) => unknown)(this.bytes, p);
      if (value !== MISS) {
        if (i > 0) site.promote(i);
        return value;
      }
    }
    return this.generalObject(p, site);
  }

  /** @internal The string at `p` (its opening quote). */
  public string(p: number): string {
    const b = this.bytes;
    const start = p + 1;
    let end = start;
    while (STOP[b[end] as number] === 0) end++;
    if (b[end] === 0x22) {
      this.pos = end + 1;
      return this.flat(start, end);
    }
    let escaped = false;
    for (;;) {
      const c = b[end];
      if (c === 0x22) break;
      if (c === undefined || c < 0x20) throw FALLBACK;
      if (c === 0x5c) {
        escaped = true;
        end += 2;
      } else {
        end++;
      }
    }
    this.pos = end + 1;
    const value = escaped ? (JSON.parse(utf8Slice.call(b, start - 1, end + 1)) as string) : utf8Slice.call(b, start, end);
    // Invalid UTF-8 decodes to U+FFFD; the whole-input path decides whether that is refused.
    if (this.rejectInvalidUtf8 && value.indexOf('\uFFFD') !== -1 && !isUtf8(b.subarray(start, end))) throw FALLBACK;
    return value;
  }

  /** @internal The number at `p`, with JSON's grammar (no leading zeros, no bare `-` or `.`). */
  public number(p: number): number {
    const b = this.bytes;
    const start = p;
    let c = b[p];
    const negative = c === 0x2d;
    if (negative) c = b[++p];
    const first = p;
    let value = 0;
    while (c !== undefined && c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      c = b[++p];
    }
    const digits = p - first;
    if (digits === 0 || (digits > 1 && b[first] === 0x30)) throw FALLBACK;
    if (c === 0x2e || c === 0x65 || c === 0x45) {
      while (c !== undefined && ((c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d)) c = b[++p];
      this.pos = p;
      // JSON.parse checks the fraction and exponent grammar and rounds as it would.
      return JSON.parse(latin1Slice.call(b, start, p)) as number;
    }
    this.pos = p;
    // Past 15 digits the running product can round differently from a correctly rounded parse.
    if (digits > 15) return Number(latin1Slice.call(b, start, p));
    return negative ? -value : value;
  }

  /**
   * @internal A copy of ASCII bytes [start, end), never a V8 sliced string (a view of a larger
   * string: a retained id would keep its kilobyte payload alive). Up to 40 bytes (names, ids,
   * timestamps, hashes) it is `String.fromCharCode` with one argument per byte, which writes a flat
   * string at once: about 35 ns for 19 bytes, against 90 for Node's latin1Slice. This also spares
   * decoding the whole input to a string first (slicing short strings from it cost more than
   * building them: bench json went from 0.46 to 0.44 of JSON.parse on MESSAGE_CREATE, and from
   * 0.65-0.74 to 0.55 on a large GUILD_CREATE).
   */
  public flat(start: number, end: number): string {
    const length = end - start;
    if (length <= MAX_INTERNED) return this.interned(start, length);
    if (length <= MAX_FROM_CHAR_CODE) return (FROM_CHAR_CODE[length] as FromCharCode)(this.bytes, start);
    return latin1Slice.call(this.bytes, start, end);
  }

  /**
   * A short string, the same object as the last one with these bytes when the table still holds
   * it. JSON.parse does as much (V8 internalizes short string values): without it, every cached
   * channel's "0" and "2048" is a string of its own (measured: cached channels and roles about
   * 1.5 times JSON.parse's size).
   */
  private interned(start: number, length: number): string {
    const b = this.bytes;
    let hash = length;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ (b[start + i] as number), 0x01000193);
    const slot = (hash ^ (hash >>> 15)) & (INTERN_SLOTS - 1);
    const table = this.internTable;
    const cached = table[slot] as string;
    if (cached.length === length) {
      let i = 0;
      while (i < length && cached.charCodeAt(i) === b[start + i]) i++;
      if (i === length) return cached;
    }
    const made = (FROM_CHAR_CODE[length] as FromCharCode)(b, start);
    table[slot] = made;
    return made;
  }

  private array(p: number, site: ShapeSite): unknown[] {
    const b = this.bytes;
    const out: unknown[] = [];
    p = this.skipSpace(p + 1);
    if (b[p] === 0x5d) {
      this.pos = p + 1;
      return out;
    }
    const element = site.element;
    for (;;) {
      out.push(this.value(p, element));
      p = this.skipSpace(this.pos);
      const c = b[p];
      if (c === 0x2c) {
        p++;
      } else if (c === 0x5d) {
        this.pos = p + 1;
        // A pushed array keeps room for 17 elements; a copy of a short one is exact, as
        // JSON.parse makes them (120 bytes less for a 2-element array a cache may keep for days).
        return out.length < SHORT_ARRAY ? out.slice() : out;
      } else {
        throw FALLBACK;
      }
    }
  }

  private generalObject(p: number, site: ShapeSite): Record<string, unknown> {
    const b = this.bytes;
    const object: Record<string, unknown> = {};
    const keys: string[] = [];
    const kinds: ValueKind[] = [];
    const children: ShapeSite[] = [];
    let tag: string | undefined;
    let tagIndex = -1;
    p = this.skipSpace(p + 1);
    if (b[p] === 0x7d) {
      this.pos = p + 1;
    } else {
      for (;;) {
        if (b[p] !== 0x22) throw FALLBACK;
        const key = this.string(p);
        p = this.skipSpace(this.pos);
        if (b[p] !== 0x3a) throw FALLBACK;
        const child = site.child(keys.length, key);
        const value = this.value(p + 1, tag === undefined ? child : child.forTag(tag));
        if (key in Object.prototype) {
          // An own data property, as JSON.parse makes it: assigning would set the prototype for
          // `__proto__`, and call a setter (or fail) for any accessor or read-only property a
          // library put on Object.prototype.
          Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
        } else {
          object[key] = value;
        }
        if (key === this.tagKey && typeof value === 'string' && tag === undefined) {
          tag = value;
          tagIndex = keys.length;
        }
        keys.push(key);
        kinds.push(kindOf(value));
        children.push(child);
        p = this.skipSpace(this.pos);
        const c = b[p];
        if (c === 0x2c) {
          p = this.skipSpace(p + 1);
        } else if (c === 0x7d) {
          this.pos = p + 1;
          break;
        } else {
          throw FALLBACK;
        }
      }
    }
    if (site.sighted(keys, children)) site.addShape(compileShape(this, keys, kinds, children, tagIndex));
    return object;
  }

  private skipSpace(p: number): number {
    const b = this.bytes;
    let c = b[p];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
    return p;
  }
}

function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as ValueKind;
}
