/** A fresh class whose constructor keeps its arguments, named as the spec says (for error messages). */
export function namedClass(name: string): new (...deps: unknown[]) => { deps: unknown[] } {
  const cls = class {
    public readonly deps: unknown[];
    public constructor(...deps: unknown[]) {
      this.deps = deps;
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}
