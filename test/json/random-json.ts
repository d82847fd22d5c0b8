import { seededRandom } from '../support/seeded-random';

/**
 * Seeded random JSON *text* (not JSON.stringify output), so the spellings JSON.stringify never
 * writes (whitespace, `\/`, `\u0041`, `1E+2`, `-0`) are exercised too. Objects mostly reuse a small
 * pool of shapes whose values change kind from one document to the next, and now and then differ
 * from their shape in one key: a JsonDecoder compiles a shape on its second sighting, so this is
 * what reaches its compiled code and every way that code can miss.
 */
export class RandomJson {
  private readonly random: () => number;
  private readonly shapes: string[][];
  /** Whitespace probability at each legal place; 0 for most documents so compiled shapes match. */
  private space = 0;

  public constructor(seed: number) {
    this.random = seededRandom(seed);
    this.shapes = Array.from({ length: 6 }, () => this.newShape());
  }

  /** One document; `spaced` documents put whitespace in legal places. */
  public document(spaced = this.chance(0.15)): string {
    this.space = spaced ? 0.3 : 0;
    return this.ws() + this.value(0, '$') + this.ws();
  }

  /** A document whose root is an object of one of the pool's shapes (what payload streams look like). */
  public shapedDocument(): string {
    this.space = this.chance(0.1) ? 0.3 : 0;
    return this.ws() + this.object(0, '$') + this.ws();
  }

  public int(below: number): number {
    return Math.floor(this.random() * below);
  }

  public chance(p: number): boolean {
    return this.random() < p;
  }

  public pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** `place` names where the value is (a path of keys): each place has a usual shape, as payloads do. */
  private value(depth: number, place: string): string {
    // Mostly the place's usual kind, sometimes any other (a field that is null, then an object...).
    const kinds = depth >= MAX_DEPTH ? 6 : 9;
    const roll = this.chance(0.7) ? hash(`${place}#`) % kinds : this.int(kinds);
    switch (roll) {
      case 0:
      case 1:
        return this.string();
      case 2:
        return this.number();
      case 3:
        return this.pick(['true', 'false', 'null']);
      case 4:
        return this.number();
      case 5:
        return this.string();
      case 6:
        return this.array(depth + 1, place);
      default:
        return this.object(depth + 1, place);
    }
  }

  private object(depth: number, place: string): string {
    let keys: string[];
    const roll = this.random();
    const usual = this.shapes[hash(place) % this.shapes.length] as string[];
    if (roll < 0.6) {
      keys = usual;
    } else if (roll < 0.7) {
      keys = this.pick(this.shapes);
    } else if (roll < 0.9) {
      // The usual shape with its middle or last key changed, or one key more or fewer.
      keys = [...usual];
      const at = keys.length === 0 ? 0 : this.chance(0.5) ? keys.length - 1 : this.int(keys.length);
      const edit = this.int(3);
      if (edit === 0 && keys.length > 0) keys[at] = this.key();
      else if (edit === 1 && keys.length > 0) keys.splice(at, 1);
      else keys.splice(at, 0, this.key());
    } else {
      keys = this.newShape();
    }
    if (keys.length === 0) return `{${this.ws()}}`;
    const members = keys.map((key) => `${this.ws()}${key}${this.ws()}:${this.ws()}${depth > MAX_DEPTH ? this.scalar() : this.value(depth, `${place}.${key}`)}${this.ws()}`);
    return `{${members.join(',')}}`;
  }

  private array(depth: number, place: string): string {
    const length = this.pick([0, 0, 1, 2, 3, 5]);
    if (length === 0) return `[${this.ws()}]`;
    // Arrays of objects of one shape are the common case (members, roles, embeds).
    const objects = this.chance(0.5);
    const items = Array.from({ length }, () => `${this.ws()}${depth > MAX_DEPTH ? this.scalar() : objects ? this.object(depth, `${place}[]`) : this.value(depth, `${place}[]`)}${this.ws()}`);
    return `[${items.join(',')}]`;
  }

  private scalar(): string {
    const roll = this.int(3);
    return roll === 0 ? this.string() : roll === 1 ? this.number() : this.pick(['true', 'false', 'null']);
  }

  private newShape(): string[] {
    const length = this.pick([0, 1, 2, 3, 4, 5, 7, 10]);
    const keys = Array.from({ length }, () => this.key());
    // Duplicate keys: JSON.parse keeps the first key's place and the last value.
    if (length > 1 && this.chance(0.1)) keys.push(this.pick(keys));
    return keys;
  }

  /** A key's JSON spelling (quotes included). */
  public key(): string {
    const roll = this.random();
    if (roll < 0.55) return `"${this.pick(PLAIN_KEYS)}"`;
    if (roll < 0.75) return `"${this.pick(ODD_KEYS)}"`;
    return this.string();
  }

  /** A string's JSON spelling: plain ASCII of lengths around flat()'s 12/24/36 seams, escapes, raw UTF-8. */
  public string(): string {
    const roll = this.random();
    if (roll < 0.4) {
      const length = this.pick([0, 1, 5, 11, 12, 13, 18, 19, 20, 24, 25, 32, 36, 37, 60, 200]);
      let text = '';
      for (let i = 0; i < length; i++) text += this.pick(PRINTABLE);
      return `"${text}"`;
    }
    const pieces = 1 + this.int(8);
    let text = '';
    for (let i = 0; i < pieces; i++) text += this.piece();
    return `"${text}"`;
  }

  private piece(): string {
    const roll = this.int(10);
    switch (roll) {
      case 0:
        return this.pick(['\\"', '\\\\', '\\/', '\\b', '\\f', '\\n', '\\r', '\\t']);
      case 1:
        return `\\u${this.hex4(this.int(0x10000))}`;
      case 2: {
        // A surrogate pair, escaped, in either case of hex digits.
        const code = 0x10000 + this.int(0x100000);
        const high = 0xd800 + ((code - 0x10000) >> 10);
        const low = 0xdc00 + ((code - 0x10000) & 0x3ff);
        const pair = `\\u${this.hex4(high)}\\u${this.hex4(low)}`;
        return this.chance(0.5) ? pair : pair.toUpperCase().replace(/\\U/g, '\\u');
      }
      case 3:
        // A lone surrogate, which JSON.parse keeps as a lone UTF-16 unit.
        return `\\u${this.hex4((this.chance(0.5) ? 0xd800 : 0xdc00) + this.int(0x400))}`;
      case 4:
        return this.pick(RAW_UNICODE);
      case 5:
        return String.fromCodePoint(0x80 + this.int(0x780));
      case 6:
        return String.fromCodePoint(0x800 + this.int(0xd000 - 0x800));
      case 7:
        return String.fromCodePoint(0x10000 + this.int(0x100000));
      default: {
        let text = '';
        const length = this.int(16);
        for (let i = 0; i < length; i++) text += this.pick(PRINTABLE);
        return text;
      }
    }
  }

  private hex4(code: number): string {
    const hex = code.toString(16).padStart(4, '0');
    return this.chance(0.3) ? hex.toUpperCase() : hex;
  }

  public number(): string {
    const roll = this.int(12);
    const sign = this.chance(0.3) ? '-' : '';
    switch (roll) {
      case 0:
        return this.pick(['0', '-0', '0.0', '-0.0', '0e0', '-0E-0']);
      case 1:
        return sign + String(this.int(10));
      case 2:
        return sign + String(this.int(1_000_000_000));
      case 3:
        // Around 2^53, where a running product stops being exact.
        return sign + String(9_007_199_254_740_991 - 5 + this.int(10));
      case 4:
        return sign + this.digits(16 + this.int(5));
      case 5:
        return sign + this.digits(21 + this.int(30));
      case 6:
        return `${sign}${this.int(1000)}.${this.digits(1 + this.int(20))}`;
      case 7:
        return `${sign}${this.int(100)}${this.pick(['e', 'E'])}${this.pick(['', '+', '-'])}${this.int(400)}`;
      case 8:
        return `${sign}${this.int(10)}.${this.digits(1 + this.int(5))}${this.pick(['e', 'E'])}${this.pick(['', '+', '-'])}${this.int(30)}`;
      case 9:
        return sign + this.digits(15);
      case 10:
        return sign + String(2 ** this.int(64));
      default:
        return sign + this.digits(1 + this.int(15));
    }
  }

  /** `count` digits with no leading zero (JSON forbids one). */
  private digits(count: number): string {
    let text = String(1 + this.int(9));
    for (let i = 1; i < count; i++) text += String(this.int(10));
    return text;
  }

  private ws(): string {
    if (this.space === 0 || !this.chance(this.space)) return '';
    let text = '';
    const length = 1 + this.int(3);
    for (let i = 0; i < length; i++) text += this.pick([' ', '\t', '\n', '\r']);
    return text;
  }
}

/** Containers nest at most this deep (deeper values are scalars), which keeps documents to kilobytes. */
const MAX_DEPTH = 4;

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) >>> 0;
  return h;
}

const PLAIN_KEYS = ['id', 'name', 't', 's', 'op', 'd', 'type', 'content', 'author', 'roles', 'flags', 'avatar', 'nick', 'guild_id', 'x'];
/** Keys JSON.parse treats specially (array indices first, `__proto__` as an own key) or that need escapes. */
const ODD_KEYS = ['0', '10', '-1', '1.5', '01', '4294967294', '4294967295', '__proto__', 'constructor', 'toString', '', 'a\\u0062', '\\/', 'ключ', '键', '😀', 'é'];
const RAW_UNICODE = ['é', 'ß', 'Ж', '中文', '日本語', '한', '😀', '🍞', '👩‍👩‍👧', '\u2028', '\u2029', '\u00a0', '\u007f', '\ufeff', '\uffff'];
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter((c) => c !== '"' && c !== '\\');
