import { OvenError } from '../errors';

/** A value that should have been a Discord ID was not a 64-bit decimal string. */
export class InvalidSnowflakeError extends OvenError {
  public constructor(
    public readonly value: unknown,
    what: string,
  ) {
    super(
      'OVEN_ERR_SNOWFLAKE_INVALID',
      `${what} must be a Discord ID (a decimal string of up to 20 digits that fits in 64 bits), ` +
        `got ${describe(value)}. Copy IDs with Discord's developer mode, and keep them as strings: ` +
        'a JavaScript number cannot hold them exactly.',
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return `the number ${value}`;
  return value === null ? 'null' : typeof value;
}
