/**
 * What a plugin may ask the host to do. Trusted plugins run in the host process and are only
 * audited against these; sandboxed plugins can do nothing else (see docs/plugins.md).
 */
export const PLUGIN_PERMISSIONS = [
  'messages:send',
  'messages:read',
  'rest:read',
  'rest:write',
  'rest:*',
  'fs:read',
  'fs:write',
  'net',
  'env',
  'child_process',
] as const;

/** A permission a manifest may request. */
export type PluginPermission = (typeof PLUGIN_PERMISSIONS)[number];
