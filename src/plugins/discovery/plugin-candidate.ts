/** A folder that should hold a plugin, found before its manifest is read. */
export interface PluginCandidate {
  /** Absolute path of the plugin's folder. */
  readonly root: string;
  readonly manifestFile: string;
  /** `package`: an `ovenjs-plugin-*` npm package; `directory`: a folder in a plugin directory. */
  readonly source: 'package' | 'directory';
}
