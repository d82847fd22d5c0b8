import type { APIApplicationCommand, RESTPostAPIApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { commandKey, normalizeCommand } from './normalize-command';

/** One changed command, with the fields that differ (`options[amount].max_value: 100 -> 50`). */
export interface CommandChange {
  readonly key: string;
  readonly changes: readonly string[];
}

/** What differs between the commands we declare and what Discord has, in one scope. */
export interface CommandDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly CommandChange[];
  readonly unchanged: readonly string[];
}

/**
 * True when the diff asks for a bulk overwrite.
 *
 * @example
 * ```ts
 * if (hasChanges(diffCommands(ours, theirs, 'global'))) await rest.putCommands(appId, ours);
 * ```
 */
export function hasChanges(diff: CommandDiff): boolean {
  return diff.added.length > 0 || diff.removed.length > 0 || diff.changed.length > 0;
}

/**
 * Compares desired commands with Discord's, by `type:name`, after normalising both sides.
 *
 * @example
 * ```ts
 * const diff = diffCommands(catalog.commands.map((c) => c.json), await rest.getCommands(appId), 'global');
 * ```
 */
export function diffCommands(
  desired: readonly RESTPostAPIApplicationCommandsJSONBody[],
  existing: readonly APIApplicationCommand[],
  scope: 'global' | 'guild',
): CommandDiff {
  const remote = new Map(existing.map((c) => [commandKey(c), normalizeCommand(c, scope)]));
  const added: string[] = [];
  const changed: CommandChange[] = [];
  const unchanged: string[] = [];
  const seen = new Set<string>();
  for (const command of desired) {
    const key = commandKey(command);
    seen.add(key);
    const theirs = remote.get(key);
    if (theirs === undefined) {
      added.push(key);
      continue;
    }
    const changes: string[] = [];
    describeDifferences(normalizeCommand(command, scope), theirs, '', changes);
    if (changes.length === 0) unchanged.push(key);
    else changed.push({ key, changes });
  }
  const removed = [...remote.keys()].filter((key) => !seen.has(key));
  return { added, removed, changed, unchanged };
}

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

function describeDifferences(ours: unknown, theirs: unknown, path: string, into: string[]): void {
  if (JSON.stringify(ours) === JSON.stringify(theirs)) return;
  const bothObjects = typeof ours === 'object' && ours !== null && typeof theirs === 'object' && theirs !== null;
  if (bothObjects && Array.isArray(ours) && Array.isArray(theirs) && isNamedList(ours) && isNamedList(theirs)) {
    const theirsByName = new Map(theirs.map((item) => [item.name, item]));
    const oursNames = ours.map((item) => item.name);
    if (JSON.stringify(oursNames) !== JSON.stringify(theirs.map((item) => item.name)) && oursNames.length === theirs.length && oursNames.every((n) => theirsByName.has(n))) {
      into.push(`${path}: order ${show(theirs.map((i) => i.name))} -> ${show(oursNames)}`);
    }
    for (const item of ours) {
      const other = theirsByName.get(item.name);
      if (other === undefined) into.push(`${path}[${String(item.name)}]: added`);
      else describeDifferences(item, other, `${path}[${String(item.name)}]`, into);
    }
    for (const item of theirs) if (!oursNames.includes(item.name)) into.push(`${path}[${String(item.name)}]: removed`);
    return;
  }
  if (bothObjects && !Array.isArray(ours) && !Array.isArray(theirs)) {
    const a = ours as Record<string, unknown>;
    const b = theirs as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      describeDifferences(a[key], b[key], path === '' ? key : `${path}.${key}`, into);
    }
    return;
  }
  into.push(`${path}: ${show(theirs)} -> ${show(ours)}`);
}

function isNamedList(list: unknown[]): list is { name: unknown }[] {
  return list.every((item) => typeof item === 'object' && item !== null && 'name' in item && typeof (item as { name: unknown }).name === 'string');
}
