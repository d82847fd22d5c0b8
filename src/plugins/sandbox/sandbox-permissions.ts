/** The permission a bridge operation needs, given its arguments (REST reads and writes differ). */
export function permissionFor(op: string, args: Record<string, unknown>): readonly string[] | undefined {
  switch (op) {
    case 'messages.send':
      return ['messages:send', 'rest:write', 'rest:*'];
    case 'rest.request':
      return args['method'] === 'GET' ? ['rest:read', 'rest:write', 'rest:*'] : ['rest:write', 'rest:*'];
    case 'fs.readFile':
      return ['fs:read', 'fs:write'];
    case 'net.fetch':
      return ['net'];
    case 'hooks.register':
      // Hooks are checked against the manifest's "hooks" list by the plugin context instead.
      return [];
    default:
      return undefined;
  }
}
