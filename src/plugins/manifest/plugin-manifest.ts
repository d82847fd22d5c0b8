import {
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import semver from 'semver';
import { PLUGIN_PERMISSIONS, type PluginPermission } from './permissions';

/** npm's package name rule, scoped or not, which plugin names follow so they can be published. */
export const PLUGIN_NAME_PATTERN = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

function validWhen(name: string, test: (value: unknown) => boolean, message: (args: ValidationArguments) => string) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      validator: { validate: test, defaultMessage: message },
    });
  };
}

const isSemverVersion = (): PropertyDecorator =>
  validWhen(
    'isSemverVersion',
    (value) => typeof value === 'string' && semver.valid(value) !== null,
    () => 'a semver version such as "1.2.3"',
  ) as PropertyDecorator;

const isSemverRange = (): PropertyDecorator =>
  validWhen(
    'isSemverRange',
    (value) => typeof value === 'string' && semver.validRange(value) !== null,
    () => 'a semver range such as "^0.1.0" or ">=0.1 <1"',
  ) as PropertyDecorator;

const isRelativeMain = (): PropertyDecorator =>
  validWhen(
    'isRelativeMain',
    (value) =>
      typeof value === 'string' &&
      value !== '' &&
      !value.startsWith('/') &&
      !/^[A-Za-z]:[\\/]/.test(value) &&
      !value.split(/[\\/]/).includes('..'),
    () => 'a path inside the plugin folder, such as "dist/index.js" (not absolute, no "..")',
  ) as PropertyDecorator;

const isDependencyMap = (): PropertyDecorator =>
  validWhen(
    'isDependencyMap',
    (value) =>
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.entries(value).every(
        ([name, range]) => PLUGIN_NAME_PATTERN.test(name) && typeof range === 'string' && semver.validRange(range) !== null,
      ),
    () => 'an object mapping plugin names to semver ranges, such as { "storage": "^2.0.0" }',
  ) as PropertyDecorator;

/**
 * The shape of `plugin.json`, checked with class-validator. Unknown fields are refused so a typo
 * (`dependancies`) is reported instead of silently ignored.
 *
 * @example
 * ```json
 * { "name": "tickets", "version": "1.0.0", "compatibility": "^0.1.0", "main": "index.js",
 *   "dependencies": { "storage": "^2.0.0" }, "hooks": ["afterMessageReceive"],
 *   "permissions": ["messages:send"] }
 * ```
 */
export class PluginManifest {
  @IsString({ message: 'a string' })
  @Matches(PLUGIN_NAME_PATTERN, { message: 'an npm-style name: lowercase, digits, "-", "." or "_", optionally @scope/' })
  public name!: string;

  @isSemverVersion()
  public version!: string;

  /** The OvenJS versions this plugin works with. */
  @isSemverRange()
  public compatibility!: string;

  @isRelativeMain()
  public main!: string;

  @IsOptional()
  @isDependencyMap()
  public dependencies?: Record<string, string>;

  /** Dependencies the plugin can run without: missing ones do not fail its load. */
  @IsOptional()
  @isDependencyMap()
  public optionalDependencies?: Record<string, string>;

  /** Hook points the plugin registers on; it may not register on others. */
  @IsOptional()
  @IsArray({ message: 'an array of hook point names' })
  @IsString({ each: true, message: 'hook point names as strings' })
  public hooks?: string[];

  @IsOptional()
  @IsArray({ message: `an array of permissions (${PLUGIN_PERMISSIONS.join(', ')})` })
  @IsIn(PLUGIN_PERMISSIONS, { each: true, message: `each permission one of ${PLUGIN_PERMISSIONS.join(', ')}` })
  public permissions?: PluginPermission[];

  /** Run the plugin in a worker with resource limits and a permission-checked bridge. */
  @IsOptional()
  @IsBoolean({ message: 'true or false' })
  public sandbox?: boolean;
}
