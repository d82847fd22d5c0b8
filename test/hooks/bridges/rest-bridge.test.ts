import { HookManager, bridgeRestHooks } from '../../../src/hooks';
import { RestClient } from '../../../src/rest';

function answeringRest(): RestClient {
  return new RestClient({ token: 't', baseURL: 'http://127.0.0.1:9/api' });
}

describe('bridgeRestHooks', () => {
  it('executes no hook point that has no handler, on any request', async () => {
    const rest = answeringRest();
    const hooks = new HookManager();
    const execute = jest.spyOn(hooks, 'execute');
    const detach = bridgeRestHooks(rest, hooks);
    // Answers in place of Discord, inside the bridge's middleware.
    rest.use((ctx) => {
      ctx.response = { status: 200, headers: {}, data: { id: '9', channel_id: '1', content: 'hi' } };
    });
    await rest.post('/channels/1/messages', { body: { content: 'hi' } });
    await rest.patch('/channels/1/messages/9', { body: { content: 'edited' } });
    await rest.get('/users/@me');
    expect(execute).not.toHaveBeenCalled();

    const seen: string[] = [];
    hooks.register('afterMessageSend', ({ message }) => void seen.push(message.id));
    hooks.register('beforeMessageSend', (payload) => ({ ...payload, body: { ...payload.body, content: `${payload.body.content ?? ''}!` } }));
    await rest.post('/channels/1/messages', { body: { content: 'hi' } });
    expect(execute.mock.calls.map(([name]) => name)).toEqual(['beforeMessageSend', 'afterMessageSend']);
    expect(seen).toEqual(['9']);
    detach();
    await rest.close();
  });
});
