/** One leaf of Discord's form error tree. */
export interface FormErrorLeaf {
  readonly code: string;
  readonly message: string;
}

/**
 * Discord's nested error shape: keys mirror the request body (array indices as string keys) and
 * leaves hold `_errors`. A request-level problem sits at the root's `_errors`.
 */
export interface FormErrors {
  _errors?: FormErrorLeaf[];
  [key: string]: FormErrors | FormErrorLeaf[] | undefined;
}

/**
 * Collects field errors by path and builds the nested tree in one go, so validators can report
 * `embeds.0.title` without knowing the tree shape.
 *
 * @example
 * ```ts
 * const errors = new FormErrorCollector();
 * errors.add(['embeds', 0, 'title'], 'BASE_TYPE_MAX_LENGTH', 'Must be 256 or fewer in length.');
 * if (errors.size > 0) throw DiscordHttpError.invalidForm(errors.toTree());
 * ```
 */
export class FormErrorCollector {
  private readonly entries: { path: readonly (string | number)[]; leaf: FormErrorLeaf }[] = [];

  public get size(): number {
    return this.entries.length;
  }

  public add(path: readonly (string | number)[], code: string, message: string): void {
    this.entries.push({ path, leaf: { code, message } });
  }

  /** One line per error, `path: message (CODE)`, for errors thrown at test code rather than sent. */
  public describe(): string[] {
    return this.entries.map(({ path, leaf }) => `${path.length === 0 ? '(body)' : path.join('.')}: ${leaf.message} (${leaf.code})`);
  }

  public toTree(): FormErrors {
    const root: FormErrors = {};
    for (const { path, leaf } of this.entries) {
      let node = root;
      for (const key of path) {
        const name = String(key);
        const next = node[name];
        if (next === undefined || Array.isArray(next)) {
          const created: FormErrors = {};
          node[name] = created;
          node = created;
        } else {
          node = next;
        }
      }
      (node._errors ??= []).push(leaf);
    }
    return root;
  }
}
