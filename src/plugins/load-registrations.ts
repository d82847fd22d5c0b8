import type { PluginRecord } from './plugin-record';

/**
 * Runs a plugin's `onLoad`, noting what it registers through its context (hooks, services) so
 * that can be registered again when the plugin is enabled after a disable: a disable removes
 * everything the plugin registered, but only `onEnable` runs again, not `onLoad`.
 */
export async function duringLoad<T>(record: PluginRecord, run: () => Promise<T>): Promise<T> {
  record.loadRegistrations = [];
  record.loading = true;
  try {
    return await run();
  } finally {
    record.loading = false;
    record.loadRegistrationsActive = true;
  }
}

/** Registers again what `onLoad` registered, if a disable removed it since. */
export function restoreLoadRegistrations(record: PluginRecord): void {
  if (record.loadRegistrationsActive) return;
  record.loadRegistrationsActive = true;
  for (const apply of record.loadRegistrations) apply();
}
