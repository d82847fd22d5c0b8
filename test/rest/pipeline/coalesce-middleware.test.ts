import { Routes } from 'discord-api-types/v10';
import { coalesceMiddleware, DiscordAPIError, RestClient } from '../../../src/rest';
import { json, startLocalServer, type LocalServer } from '../support/local-server';

describe('coalesceMiddleware', () => {
  let server: LocalServer;
  let rest: RestClient;

  beforeEach(async () => {
    server = await startLocalServer((request, response) => {
      setTimeout(() => json(response, 200, { path: request.path, query: request.query.toString(), nested: { n: 1 } }), 30);
    });
    rest = new RestClient({ token: 't', baseURL: server.baseURL }).use(coalesceMiddleware());
  });

  afterEach(async () => {
    await rest.close();
    await server.close();
  });

  it('sends one request for identical concurrent GETs and gives each caller its own copy', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => rest.get<{ nested: { n: number } }>(Routes.guildMember('222222222222222222', '333333333333333333'))));
    expect(server.received).toHaveLength(1);
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    results[0]!.nested.n = 99;
    expect(results[1]!.nested.n).toBe(1);
  });

  it('keeps requests apart that differ in query, method or signal, and sends later ones again', async () => {
    await Promise.all([
      rest.get(Routes.channelMessages('111111111111111111'), { query: { limit: 1 } }),
      rest.get(Routes.channelMessages('111111111111111111'), { query: { limit: 2 } }),
      rest.post(Routes.channelMessages('111111111111111111'), { body: {} }),
      rest.post(Routes.channelMessages('111111111111111111'), { body: {} }),
      rest.get(Routes.channelMessages('111111111111111111'), { query: { limit: 1 }, signal: new AbortController().signal }),
    ]);
    expect(server.received).toHaveLength(5);
    await rest.get(Routes.channelMessages('111111111111111111'), { query: { limit: 1 } });
    expect(server.received).toHaveLength(6);
  });

  it('hands the error to every caller', async () => {
    server.setHandler((_request, response) => {
      setTimeout(() => json(response, 404, { code: 10007, message: 'Unknown Member' }), 30);
    });
    const outcomes = await Promise.all(Array.from({ length: 3 }, () => rest.get(Routes.guildMember('222222222222222222', '444444444444444444')).catch((error: unknown) => error)));
    expect(server.received).toHaveLength(1);
    expect(outcomes.every((outcome) => outcome instanceof DiscordAPIError && outcome.discordCode === 10007)).toBe(true);
  });
});
