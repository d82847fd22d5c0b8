/**
 * Discord's `errors` object mirrors the shape of the request body, with array indices as string
 * keys and `_errors` arrays at the leaves. Users read a flat list far faster than a nested tree,
 * so each leaf becomes one line: `embeds[0].title: Must be 256 or fewer in length.`
 */
export function flattenDiscordErrors(tree: unknown, path = ''): string[] {
  if (tree === null || typeof tree !== 'object') return [];
  const lines: string[] = [];
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    if (key === '_errors') {
      for (const leaf of Array.isArray(value) ? value : []) {
        const text = describeLeaf(leaf);
        lines.push(path === '' ? text : `${path}: ${text}`);
      }
      continue;
    }
    lines.push(...flattenDiscordErrors(value, joinPath(path, key)));
  }
  return lines;
}

function joinPath(path: string, key: string): string {
  if (/^\d+$/.test(key)) return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

function describeLeaf(leaf: unknown): string {
  if (leaf !== null && typeof leaf === 'object') {
    const { message, code } = leaf as { message?: unknown; code?: unknown };
    if (typeof message === 'string') return message;
    if (typeof code === 'string') return code;
  }
  return String(leaf);
}
