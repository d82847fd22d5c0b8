import { readFileSync } from 'node:fs';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

interface OpenApiOperation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApi {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

const SPEC_PATH = '/work/shared/oracle/discord-openapi.json';

/**
 * Discord's published OpenAPI description, compiled with ajv's JSON Schema 2020-12 build and the
 * formats protocol.md 1.1 names (`snowflake`, `int32`, `int64`) plus the spec's `double` and `nonce`.
 */
export class DiscordOracle {
  private readonly spec: OpenApi;
  private readonly ajv: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  public constructor() {
    this.spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as OpenApi;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat('snowflake', /^(0|[1-9][0-9]*)$/);
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
    // A message nonce: any string of at most 25 characters (the length is checked by maxLength).
    this.ajv.addFormat('nonce', /^[\s\S]*$/);
    this.ajv.addSchema({ $id: 'discord', components: this.spec.components });
  }

  public operation(method: string, path: string): OpenApiOperation | undefined {
    return this.spec.paths[path]?.[method.toLowerCase()];
  }

  /** Success statuses the spec lists for an operation. */
  public successStatuses(method: string, path: string): string[] {
    return Object.keys(this.operation(method, path)?.responses ?? {}).filter((status) => status.startsWith('2'));
  }

  /** Validates a JSON body against the operation's schema for that status; returns ajv's errors or []. */
  public check(method: string, path: string, status: number, body: unknown): string[] {
    const key = `${method} ${path} ${status}`;
    let validate = this.cache.get(key);
    if (validate === undefined) {
      const schema = this.operation(method, path)?.responses[String(status)]?.content?.['application/json']?.schema;
      if (schema === undefined) return [`the spec has no JSON schema for ${key}`];
      validate = this.compile(schema);
      this.cache.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /** Validates against a named component schema (e.g. `ErrorResponse`). */
  public checkComponent(name: string, body: unknown): string[] {
    const validate = this.compile({ $ref: `#/components/schemas/${name}` });
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
  }

  private compile(schema: unknown): ValidateFunction {
    // Operation schemas point at `#/components/...` of the whole document: aim them at the added copy.
    const rewritten = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"discord#/components/')) as object;
    return this.ajv.compile(rewritten);
  }
}
