import { GatewayDispatchEvents, type GatewayGuildCreateDispatchData, type GatewayMessageCreateDispatchData } from 'discord-api-types/v10';
import { dispatchNameOf, dispatchTypeOf, type DispatchEventMap } from '../../src/client';

// Compile-time checks (npm run typecheck): names map to discord-api-types' dispatch data.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const messageCreate: Equals<DispatchEventMap['messageCreate'], GatewayMessageCreateDispatchData> = true;
const guildCreate: Equals<DispatchEventMap['guildCreate'], GatewayGuildCreateDispatchData> = true;
// @ts-expect-error not a dispatch
const unknownName: DispatchEventMap['messageCreated'] = undefined;

describe('dispatch event names', () => {
  it('maps every GatewayDispatchEvents value to camelCase and back', () => {
    expect(messageCreate && guildCreate).toBe(true);
    expect(unknownName).toBeUndefined();
    for (const type of Object.values(GatewayDispatchEvents)) {
      const name = dispatchNameOf(type);
      expect(name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(dispatchTypeOf(name as string)).toBe(type);
    }
    expect(dispatchNameOf('MESSAGE_CREATE')).toBe('messageCreate');
    expect(dispatchNameOf('GUILD_SCHEDULED_EVENT_USER_ADD')).toBe('guildScheduledEventUserAdd');
    expect(dispatchTypeOf('interactionCreate')).toBe('INTERACTION_CREATE');
    expect(dispatchTypeOf('messageCreated')).toBeUndefined();
  });
});
