import type { OvenPlugin } from './plugin-lifecycle';

/**
 * Marks what an instance holds beyond its lifecycle (a sandbox worker): released once the
 * instance is gone for good, which `onUnload` alone does not say, since a failed hot reload
 * starts the old instance again after its `onUnload`. A symbol, so a plugin's own `dispose`
 * method is never called by mistake.
 */
export const DISPOSE_PLUGIN: unique symbol = Symbol('ovenjs.plugin.dispose');

/** An instance with resources to release when it is discarded. */
export interface DisposablePlugin {
  [DISPOSE_PLUGIN](): Promise<void>;
}

/** Releases what an instance holds, if it holds anything; never throws. */
export async function disposeInstance(instance: OvenPlugin | undefined): Promise<void> {
  const dispose = (instance as Partial<DisposablePlugin> | undefined)?.[DISPOSE_PLUGIN];
  if (typeof dispose !== 'function') return;
  await dispose.call(instance).catch(() => undefined);
}
