/**
 * What `@Plugin({...})` declares about an in-module plugin class.
 *
 * @example
 * ```ts
 * @Plugin({ name: 'tickets', version: '1.0.0', dependsOn: { storage: '^2.0.0', metrics: '^1' }, optional: ['metrics'] })
 * @Injectable()
 * export class TicketsPlugin implements OvenPlugin {}
 * ```
 */
export interface PluginMetadata {
  readonly name: string;
  readonly version: string;
  /** Plugin name to semver range, in-module and external plugins alike. */
  readonly dependsOn?: Readonly<Record<string, string>>;
  /** Names in `dependsOn` the plugin can run without. */
  readonly optional?: readonly string[];
}
