/** What a value was when a shape was learned; the compiled code tries that kind first. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/**
 * A compiled object shape: parses an object whose keys are exactly `keys`, in that order, with no
 * whitespace, starting at the `{` at `p`. Returns the object, or `MISS` when the bytes are anything
 * else (the caller then parses that object the general way).
 */
export type ShapeParser = (bytes: Uint8Array, p: number) => unknown;

/** Returned by a ShapeParser that does not match; a symbol, so no JSON value can be mistaken for it. */
export const MISS: unique symbol = Symbol('json-shape-miss');

/** How many compiled shapes one site keeps; objects at one place in a payload rarely take more. */
const MAX_SHAPES = 4;
/** Shapes are compiled on the second sighting: a one-off object is not worth the compile. */
const SIGHTINGS_TO_COMPILE = 2;
/**
 * Shapes seen once that a site remembers while waiting for a second sighting. More than one, so
 * shapes that take turns (a presence's `client_status`: desktop, mobile, web...) still compile.
 */
const MAX_CANDIDATES = 4;
/** Objects with more keys than this are parsed the general way (they are rare and compile large). */
const MAX_COMPILED_KEYS = 96;
/** Tag values a site keeps apart; more (a misused tag key) share the untagged site. */
const MAX_TAGS = 512;

/**
 * One place in the payloads a decoder sees (the root, `d`, `d.author`, the elements of
 * `d.mentions`...): what objects there looked like, and their compiled parsers.
 */
export class ShapeSite {
  /** Compiled shapes, the most recently matched first. */
  public shapes: ShapeParser[] = [];
  /** Shapes parsed the general way here and not compiled yet, the most recent first. */
  private candidates: Candidate[] = [];
  private elementSite: ShapeSite | undefined;
  private tagged: Map<string, ShapeSite> | undefined;
  private lastTag: string | undefined;
  private lastTagSite: ShapeSite | undefined;

  /** The site shared by the elements of an array found here. */
  public get element(): ShapeSite {
    if (this.elementSite === undefined) this.elementSite = new ShapeSite();
    return this.elementSite;
  }

  /**
   * The site for this key when the enclosing object's tag (a gateway payload's `t`) is `tag`:
   * MESSAGE_CREATE's `d` and PRESENCE_UPDATE's `d` are different shapes and must not evict each other.
   */
  public forTag(tag: string): ShapeSite {
    // Most frames carry the same tag as the one before (a burst of MESSAGE_CREATEs): comparing a
    // short string is cheaper than hashing it for the Map.
    if (tag === this.lastTag) return this.lastTagSite as ShapeSite;
    if (this.tagged === undefined) this.tagged = new Map();
    let site = this.tagged.get(tag);
    if (site === undefined) {
      if (this.tagged.size >= MAX_TAGS) return this;
      site = new ShapeSite();
      this.tagged.set(tag, site);
    }
    this.lastTag = tag;
    this.lastTagSite = site;
    return site;
  }

  /**
   * The child site for key `key` at position `index` of an object parsed the general way: the one a
   * candidate shape already has for that key (so what was learned below it is kept), else a new one.
   */
  public child(index: number, key: string): ShapeSite {
    const candidates = this.candidates;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i] as Candidate;
      if (candidate.keys[index] === key) return candidate.children[index] as ShapeSite;
    }
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i] as Candidate;
      const at = candidate.keys.indexOf(key);
      if (at >= 0) return candidate.children[at] as ShapeSite;
    }
    return new ShapeSite();
  }

  /**
   * Records an object parsed the general way here. Returns true on the shape's second sighting
   * among the candidates: the caller then compiles it (and calls `addShape`).
   */
  public sighted(keys: readonly string[], children: ShapeSite[]): boolean {
    const candidates = this.candidates;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i] as Candidate;
      if (!sameKeys(candidate.keys, keys)) continue;
      candidate.sightings++;
      if (candidate.sightings < SIGHTINGS_TO_COMPILE) return false;
      // Compiled (or never compilable): it stops being a candidate either way.
      candidates.splice(i, 1);
      return keys.length <= MAX_COMPILED_KEYS && new Set(keys).size === keys.length;
    }
    candidates.unshift({ keys, children, sightings: 1 });
    if (candidates.length > MAX_CANDIDATES) candidates.pop();
    return false;
  }

  public addShape(parser: ShapeParser): void {
    this.shapes.unshift(parser);
    if (this.shapes.length > MAX_SHAPES) this.shapes.pop();
  }

  /** Moves a shape that matched to the front, so a site's usual shape is tried first. */
  public promote(index: number): void {
    const parser = this.shapes[index] as ShapeParser;
    this.shapes.splice(index, 1);
    this.shapes.unshift(parser);
  }
}

/** A shape seen here and not compiled yet. */
interface Candidate {
  readonly keys: readonly string[];
  /** Child sites by key position, shared with the shape once compiled. */
  readonly children: ShapeSite[];
  sightings: number;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
