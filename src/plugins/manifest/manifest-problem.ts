/** One thing wrong with a `plugin.json`: where, which field, and what was expected. */
export interface ManifestProblem {
  /** Absolute path of the manifest. */
  readonly file: string;
  /** The field, e.g. `version` or `dependencies.storage`; empty for the file as a whole. */
  readonly field: string;
  readonly expected: string;
  /** What the file held there, as JSON (or a short description). */
  readonly received: string;
}

/** Formats problems one per line: `file: field: expected ..., got ...`. */
export function formatManifestProblems(problems: readonly ManifestProblem[]): string {
  return problems
    .map((p) => `${p.file}: ${p.field === '' ? '(file)' : p.field}: expected ${p.expected}, got ${p.received}`)
    .join('\n');
}
