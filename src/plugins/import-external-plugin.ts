import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { loadPluginMain } from './load-plugin-main';
import { PluginError } from './plugin.error';
import type { OvenPlugin } from './plugin-lifecycle';
import type { PluginRecord } from './plugin-record';
import { resolvePluginExport } from './resolve-plugin-export';
import type { SandboxLauncher, SandboxLaunchRequest } from './sandbox/sandbox-options';
import { auditPlugin, formatFindings } from './sandbox/static-audit';

/**
 * Brings an external plugin's code in: checks `main` exists, audits the sources, then either
 * starts it in the sandbox (refusing any audit finding) or imports it in-process (findings become
 * warnings).
 */
export async function importExternalPlugin(
  record: PluginRecord,
  sandbox: SandboxLauncher | undefined,
  report: SandboxLaunchRequest['report'],
): Promise<{ instance: OvenPlugin; warnings: string[] }> {
  const { root, manifest } = record;
  if (root === undefined || manifest === undefined) {
    throw new PluginError('OVEN_ERR_PLUGIN_INVALID_MAIN', record.name, `Plugin "${record.name}" has neither a class nor a manifest.`);
  }
  const mainFile = join(root, manifest.main);
  try {
    await access(mainFile);
  } catch {
    throw new PluginError(
      'OVEN_ERR_PLUGIN_MAIN_NOT_FOUND',
      record.name,
      `Plugin "${record.name}": main "${manifest.main}" (${mainFile}) does not exist. Build the plugin, or fix "main" in plugin.json.`,
    );
  }
  const findings = await auditPlugin(root, new Set(manifest.permissions ?? []));
  if (!record.sandboxed) {
    const exported = await loadPluginMain(mainFile, record.generation, root);
    return {
      instance: resolvePluginExport(record.name, mainFile, exported),
      warnings: findings.map((finding) => `audit: ${finding.file}:${finding.line} ${finding.detail}`),
    };
  }
  if (findings.length > 0) {
    throw new PluginError(
      'OVEN_ERR_PLUGIN_AUDIT_FAILED',
      record.name,
      `Sandboxed plugin "${record.name}" was not loaded: ${formatFindings(findings)}. Remove these uses or request the permission.`,
    );
  }
  if (sandbox === undefined) {
    throw new PluginError(
      'OVEN_ERR_PLUGIN_SANDBOX_UNAVAILABLE',
      record.name,
      `Plugin "${record.name}" asks for "sandbox": true, but no sandbox is configured. Pass a PluginSandbox as the sandbox option.`,
    );
  }
  const instance = await sandbox.launch({
    name: record.name,
    version: record.version,
    root,
    mainFile,
    permissions: manifest.permissions ?? [],
    report,
  });
  return { instance, warnings: [] };
}
