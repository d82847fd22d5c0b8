import type { GatewayCloseCodes } from 'discord-api-types/v10';

/** A client payload that passed validation, or the close Discord would send for it. */
export type PayloadCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: GatewayCloseCodes; readonly reason: string };

/** Narrows an unknown JSON value to a plain object. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
