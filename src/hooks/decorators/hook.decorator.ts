import { createMethodDecorator } from '../../di';
import type { HookContext, HookHandlerReturn, HookName, HookPayload } from '../hook-points';

/** What `@Hook(...)` records on a method. */
export interface HookMethodMetadata {
  readonly hook: HookName;
  readonly priority: number;
}

/** The discoverable marker behind `@Hook()`, for `DiscoveryService.getMethods`. */
export const HookMarker = createMethodDecorator<HookMethodMetadata>('Hook');

/**
 * Registers a provider method as a handler of a hook point when the application bootstraps
 * (`HooksModule` must be imported). The method receives the payload and returns what the hook's
 * kind expects (a new payload for waterfalls, a veto for bail hooks, nothing otherwise).
 *
 * @example
 * ```ts
 * @Injectable()
 * export class AuditReason {
 *   @Hook('beforeAPICall', { priority: 10 })
 *   tag(request: ApiRequestPayload): void {
 *     request.headers['X-Audit-Log-Reason'] ??= 'automated by OvenJS';
 *   }
 * }
 * ```
 */
export function Hook<K extends HookName>(
  hook: K,
  options: { readonly priority?: number } = {},
): <M extends (payload: HookPayload<K>, context: HookContext) => HookHandlerReturn<K> | Promise<HookHandlerReturn<K>>>(
  target: object,
  methodName: string | symbol,
  descriptor: TypedPropertyDescriptor<M>,
) => void {
  // Typed against the hook point, so a method whose parameter or return does not fit the payload
  // is a compile error rather than a surprise at run time.
  const mark = HookMarker({ hook, priority: options.priority ?? 0 });
  return (target, methodName, descriptor) => {
    mark(target, methodName, descriptor);
  };
}
