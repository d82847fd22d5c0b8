import { OvenError } from '../errors';

/**
 * A plugin could not be discovered, resolved, loaded, enabled, reloaded or sandboxed. The code
 * says which (`OVEN_ERR_PLUGIN_*`); the message names the plugin and the fix.
 */
export class PluginError extends OvenError {
  public constructor(
    code: `OVEN_ERR_PLUGIN_${string}`,
    public readonly plugin: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}
