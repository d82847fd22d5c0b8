import { GatewayDispatchEvents, type GatewayDispatchPayload } from 'discord-api-types/v10';

type SnakeToPascal<S extends string> = S extends `${infer Head}_${infer Rest}`
  ? `${Capitalize<Lowercase<Head>>}${SnakeToPascal<Rest>}`
  : Capitalize<Lowercase<S>>;

/** `MESSAGE_CREATE` to `messageCreate`, at the type level. */
export type CamelCaseEventName<S extends string> = Uncapitalize<SnakeToPascal<S>>;

/**
 * Every gateway dispatch by its camelCase name, mapped to the data type discord-api-types gives
 * it: `DispatchEventMap['messageCreate']` is `GatewayMessageCreateDispatchData`.
 */
export type DispatchEventMap = {
  [P in GatewayDispatchPayload as CamelCaseEventName<`${P['t']}`>]: P['d'];
};

/** A camelCase dispatch name: `messageCreate`, `guildCreate`, `interactionCreate`, ... */
export type DispatchEventName = keyof DispatchEventMap;

const toType = new Map<string, GatewayDispatchEvents>();
const toName = new Map<string, DispatchEventName>();
for (const type of Object.values(GatewayDispatchEvents)) {
  const name = type.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) as DispatchEventName;
  toType.set(name, type);
  toName.set(type, name);
}

/**
 * The `t` of a camelCase dispatch name, or `undefined` if it names no dispatch.
 *
 * @example
 * ```ts
 * dispatchTypeOf('messageCreate'); // 'MESSAGE_CREATE'
 * ```
 */
export function dispatchTypeOf(name: string): GatewayDispatchEvents | undefined {
  return toType.get(name);
}

/**
 * The camelCase name of a dispatch `t`, or `undefined` for a `t` discord-api-types does not know.
 *
 * @example
 * ```ts
 * dispatchNameOf('GUILD_MEMBER_ADD'); // 'guildMemberAdd'
 * ```
 */
export function dispatchNameOf(type: string): DispatchEventName | undefined {
  return toName.get(type);
}
