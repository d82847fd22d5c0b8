import type { RequestOptions, RestMethod, RouteLike } from '../../../src/rest/rest-request';
import type { RestCaller } from '../../../src/rest/resources/rest-caller';
import { InvitesApi } from '../../../src/rest/resources/invites-api';
import { ScheduledEventsApi } from '../../../src/rest/resources/scheduled-events-api';
import { StickersApi } from '../../../src/rest/resources/stickers-api';
import { ThreadsApi } from '../../../src/rest/resources/threads-api';
import { RestUsageError } from '../../../src/rest';

interface Call {
  method: RestMethod;
  route: RouteLike;
  options: RequestOptions | undefined;
}

/** Records every call and answers from `pages` in order (an empty list once they run out). */
function recorder(pages: unknown[] = []): { caller: RestCaller; calls: Call[] } {
  const calls: Call[] = [];
  const caller: RestCaller = {
    request: <T>(method: RestMethod, route: RouteLike, options?: RequestOptions): Promise<T> => {
      calls.push({ method, route, options });
      return Promise.resolve((pages.shift() ?? []) as T);
    },
  };
  return { caller, calls };
}

describe('the invites, scheduled events, stickers and threads façades', () => {
  it('sends a sticker upload as fields plus the part "file", with an empty description by default', async () => {
    const { caller, calls } = recorder([{}]);
    const data = Buffer.from('png');
    await new StickersApi(caller).create('1', { name: 'wave', tags: 'wave', file: { name: 'wave.png', data } }, { reason: 'new' });
    expect(calls).toEqual([
      {
        method: 'POST',
        route: '/guilds/1/stickers',
        options: { reason: 'new', body: { name: 'wave', tags: 'wave', description: '' }, files: [{ name: 'wave.png', data, key: 'file' }] },
      },
    ]);
  });

  it('passes unset read flags as undefined (which the query string skips), never as false', async () => {
    const { caller, calls } = recorder([{}, {}, {}]);
    await new InvitesApi(caller).get('abc');
    await new ScheduledEventsApi(caller).list('1');
    await new ThreadsApi(caller).member('2', '3', { withMember: true });
    expect(calls.map((call) => call.options?.query)).toEqual([
      { with_counts: undefined, guild_scheduled_event_id: undefined },
      { with_user_count: undefined },
      { with_member: true },
    ]);
    expect(calls.map((call) => call.route)).toEqual(['/invites/abc', '/guilds/1/scheduled-events', '/channels/2/thread-members/3']);
  });

  it('refuses a blank invite code as a rejection, not a synchronous throw', async () => {
    const { caller, calls } = recorder();
    const pending = new InvitesApi(caller).delete(' ');
    await expect(pending).rejects.toBeInstanceOf(RestUsageError);
    expect(calls).toEqual([]);
  });

  it('walks thread members by member.user.id when a page leaves user_id out', async () => {
    const entry = (id: string): unknown => ({ id: '9', join_timestamp: '', flags: 0, member: { user: { id } } });
    const { caller, calls } = recorder([[entry('20'), entry('10')], [entry('30')]]);
    const seen: unknown[] = [];
    for await (const member of new ThreadsApi(caller).iterateMembers('9', { pageSize: 2 })) seen.push(member.member?.user.id);
    expect(seen).toEqual(['10', '20', '30']);
    expect(calls.map((call) => call.options?.query)).toEqual([{ limit: 2 }, { limit: 2, after: '20' }]);
  });
});
