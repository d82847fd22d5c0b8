import { errorMessage } from './error-message';
import { PluginError } from './plugin.error';

/**
 * Runs one lifecycle method inside an error boundary with a time limit (as avvio does for
 * Fastify plugins): a throw, a rejection or a method that never settles becomes a `PluginError`
 * naming the plugin and the method, instead of hanging or crashing the app.
 */
export async function callLifecycle<T>(
  plugin: string,
  method: string,
  timeoutMs: number,
  run: () => T | Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PluginError(
            'OVEN_ERR_PLUGIN_LIFECYCLE_TIMEOUT',
            plugin,
            `Plugin "${plugin}": ${method} did not settle within ${timeoutMs} ms. Make sure it resolves ` +
              '(a missing await on a never-ending promise?), or raise lifecycleTimeoutMs.',
          ),
        ),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([Promise.resolve().then(run), timeout]);
  } catch (error) {
    if (error instanceof PluginError && error.plugin === plugin) throw error;
    throw new PluginError(
      'OVEN_ERR_PLUGIN_LIFECYCLE_FAILED',
      plugin,
      `Plugin "${plugin}" threw in ${method}: ${errorMessage(error)}`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}
