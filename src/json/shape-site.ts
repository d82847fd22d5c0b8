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
/** Objects with more keys than this are parsed the general way (they are rare and compile large). */
const MAX_COMPILED_KEYS = 96;
/** Tag values a site keeps apart; more (a misused tag key) share the untagged site. */
const MAX_TAGS = 512;

/**
 * One place in the payloads a decoder sees (the root, `d`, `d.author`, the elements of
 * `d.mentions`...): what objects there looked like, and their compiled parsers.
 */
export class ShapeSite {
  /** The last shape parsed the general way here, waiting for a second sighting. */
  public candidateKeys: readonly string[] | undefined;
  public candidateKinds: readonly ValueKind[] = [];
  /** Child sites by key position of the candidate shape, shared with the shape once compiled. */
  public candidateChildren: ShapeSite[] = [];
  /** Compiled shapes, the most recently matched first. */
  public shapes: ShapeParser[] = [];
  private sightings = 0;
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

  /** The child site for key `key` at position `index` of an object parsed the general way. */
  public child(index: number, key: string): ShapeSite {
    const keys = this.candidateKeys;
    if (keys !== undefined) {
      if (keys[index] === key) return this.candidateChildren[index] as ShapeSite;
      const at = keys.indexOf(key);
      if (at >= 0) return this.candidateChildren[at] as ShapeSite;
    }
    return new ShapeSite();
  }

  /**
   * Records an object parsed the general way here. Returns true when the same keys came twice in a
   * row: the caller then compiles them (and calls `addShape`).
   */
  public sighted(keys: readonly string[], kinds: readonly ValueKind[], children: ShapeSite[]): boolean {
    if (this.candidateKeys !== undefined && sameKeys(this.candidateKeys, keys)) {
      this.sightings++;
      return this.sightings === SIGHTINGS_TO_COMPILE && keys.length <= MAX_COMPILED_KEYS && new Set(keys).size === keys.length;
    }
    this.candidateKeys = keys;
    this.candidateKinds = kinds;
    this.candidateChildren = children;
    this.sightings = 1;
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

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
