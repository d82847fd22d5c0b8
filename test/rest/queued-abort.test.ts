import { getEventListeners } from 'node:events';
import type { ServerResponse } from 'node:http';
import { Routes } from 'discord-api-types/v10';
import { RequestFailedError, RestClient, TotalTimeoutError } from '../../src/rest';
import { json, startLocalServer, type LocalServer } from './support/local-server';

const CHANNEL = '111111111111111111';

describe.each([1, 4])('a request aborted while it waits in its bucket queue (pipelining %i)', (pipelining) => {
  let server: LocalServer;
  let rest: RestClient;
  let held: ServerResponse[];

  beforeEach(async () => {
    held = [];
    // Holds every answer until the test releases it, so later requests of the bucket stay queued.
    server = await startLocalServer((_request, response) => {
      held.push(response);
    });
    rest = new RestClient({ token: 't', baseURL: server.baseURL, pipelining });
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  const releaseAll = (): void => {
    for (const response of held.splice(0)) json(response, 200, {});
  };
  const waitForServer = async (count: number): Promise<void> => {
    while (server.received.length < count) await new Promise((resolve) => setImmediate(resolve));
  };

  it('rejects at once, is never sent, and the requests around it keep their order', async () => {
    const controller = new AbortController();
    const first = rest.post(Routes.channelMessages(CHANNEL), { body: { n: 1 } });
    const second = rest.post(Routes.channelMessages(CHANNEL), { body: { n: 2 }, signal: controller.signal });
    const third = rest.post(Routes.channelMessages(CHANNEL), { body: { n: 3 } });
    // The bucket is unknown, so even a pipelining client sends only the first and waits for its answer.
    await waitForServer(1);
    controller.abort(new Error('user gave up'));
    const error = await second.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestFailedError);
    expect(error).toMatchObject({ reason: 'aborted', attempts: 0, code: 'OVEN_ERR_REST_ABORTED' });
    // Rejected while the first request still waits for its answer.
    expect(held).toHaveLength(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    releaseAll();
    await first;
    await waitForServer(2);
    releaseAll();
    await third;
    expect(server.received.map((request) => JSON.parse(request.body.toString()).n as number)).toEqual([1, 3]);
  });

  it('rejects at once with an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const first = rest.get(Routes.channel(CHANNEL));
    await expect(rest.get(Routes.channel(CHANNEL), { signal: controller.signal })).rejects.toMatchObject({ reason: 'aborted', attempts: 0 });
    await waitForServer(1);
    releaseAll();
    await first;
    expect(server.received).toHaveLength(1);
  });

  it('a totalTimeout passing while queued still rejects at once with TotalTimeoutError', async () => {
    const first = rest.get(Routes.channel(CHANNEL));
    await waitForServer(1);
    const error = await rest.get(Routes.channel(CHANNEL), { totalTimeout: 30, signal: new AbortController().signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TotalTimeoutError);
    expect(held).toHaveLength(1);
    releaseAll();
    await first;
    expect(server.received).toHaveLength(1);
  });
});
