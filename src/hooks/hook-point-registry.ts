import { closestName } from './closest-name';
import { HookError } from './hook.error';
import type { HookKind, HookPointInfo } from './hook-point';
import { BUILTIN_HOOK_POINTS } from './hook-points';

const KINDS: readonly HookKind[] = ['waterfall', 'series', 'parallel', 'bail'];

/** The hook points a manager knows: the built-in ones and those added with `define`. */
export class HookPointRegistry {
  private readonly points = new Map<string, HookPointInfo>();

  public constructor() {
    for (const point of BUILTIN_HOOK_POINTS) this.points.set(point.name, point);
  }

  public define(point: HookPointInfo): void {
    if (typeof point.name !== 'string' || point.name === '') {
      throw new HookError('OVEN_ERR_HOOK_INVALID_POINT', 'A hook point needs a non-empty string name.');
    }
    if (this.points.has(point.name)) {
      throw new HookError(
        'OVEN_ERR_HOOK_DUPLICATE_POINT',
        `Hook point "${point.name}" is already defined (${this.points.get(point.name)?.category}). ` +
          'Prefix custom points with your plugin name, e.g. "myPlugin:ticketOpened".',
      );
    }
    if (!KINDS.includes(point.kind)) {
      throw new HookError(
        'OVEN_ERR_HOOK_INVALID_POINT',
        `Hook point "${point.name}" has kind ${JSON.stringify(point.kind)}; expected one of ${KINDS.join(', ')}.`,
      );
    }
    this.points.set(point.name, Object.freeze({ ...point }));
  }

  /** The point named `name`; throws a `HookError` naming the closest one if unknown. */
  public get(name: string): HookPointInfo {
    const point = this.points.get(name);
    if (point !== undefined) return point;
    const guess = closestName(name, this.points.keys());
    throw new HookError(
      'OVEN_ERR_HOOK_UNKNOWN_POINT',
      `There is no hook point "${name}".` +
        (guess === undefined ? '' : ` Did you mean "${guess}"?`) +
        ' listHooks() lists them all; custom points must be added with define() first.',
    );
  }

  /** Every point, built-in first, then custom ones in the order they were defined. */
  public all(): IterableIterator<HookPointInfo> {
    return this.points.values();
  }
}
