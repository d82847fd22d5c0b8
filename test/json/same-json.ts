/**
 * Where two JSON values differ, or undefined when they are the same in every way JSON.parse's
 * output can be observed: numbers by Object.is (so -0 is not 0), own keys in order (Reflect.ownKeys,
 * so index-like keys and `__proto__` count), prototypes, and every property a plain writable,
 * enumerable, configurable data property. Iterative, so 100,000 levels of nesting compare too.
 */
export function jsonDifference(actual: unknown, expected: unknown): string | undefined {
  const stack: Array<[unknown, unknown, string]> = [[actual, expected, '$']];
  while (stack.length > 0) {
    const [a, e, path] = stack.pop() as [unknown, unknown, string];
    if (e === null || typeof e !== 'object') {
      if (!Object.is(a, e)) return `${path}: got ${describe(a)}, expected ${describe(e)}`;
      continue;
    }
    if (a === null || typeof a !== 'object') return `${path}: got ${describe(a)}, expected an ${Array.isArray(e) ? 'array' : 'object'}`;
    if (Array.isArray(a) !== Array.isArray(e)) return `${path}: got ${Array.isArray(a) ? 'an array' : 'an object'}, expected ${Array.isArray(e) ? 'an array' : 'an object'}`;
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(e)) return `${path}: a different prototype`;
    const aKeys = Reflect.ownKeys(a);
    const eKeys = Reflect.ownKeys(e);
    if (aKeys.length !== eKeys.length || aKeys.some((key, i) => key !== eKeys[i])) {
      return `${path}: keys ${JSON.stringify(aKeys.map(String))}, expected ${JSON.stringify(eKeys.map(String))}`;
    }
    for (let i = eKeys.length - 1; i >= 0; i--) {
      const key = eKeys[i] as string;
      const aDescriptor = Object.getOwnPropertyDescriptor(a, key) as PropertyDescriptor;
      const eDescriptor = Object.getOwnPropertyDescriptor(e, key) as PropertyDescriptor;
      for (const flag of ['writable', 'enumerable', 'configurable', 'get', 'set'] as const) {
        if (aDescriptor[flag] !== eDescriptor[flag]) return `${path}[${JSON.stringify(key)}]: ${flag} is ${String(aDescriptor[flag])}, expected ${String(eDescriptor[flag])}`;
      }
      stack.push([aDescriptor.value, eDescriptor.value, `${path}[${JSON.stringify(key)}]`]);
    }
  }
  return undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
