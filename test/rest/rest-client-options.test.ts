import { RestClient, RestUsageError } from '../../src/rest';

describe('the pipelining option', () => {
  it.each([0, -1, 1.5, 65, Number.NaN, Number.POSITIVE_INFINITY, '4' as unknown as number])('rejects %p with a typed error naming the option', (pipelining) => {
    let error: unknown;
    try {
      new RestClient({ token: 't', pipelining });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(RestUsageError);
    expect(error).toMatchObject({ code: 'OVEN_ERR_REST_BAD_OPTION' });
    expect((error as Error).message).toContain(`pipelining must be a whole number from 1`);
    expect((error as Error).message).toContain(String(pipelining));
  });

  it.each([1, 4, 64])('accepts %p', async (pipelining) => {
    const rest = new RestClient({ token: 't', pipelining });
    await rest.close();
  });
});

describe('globalRequestsPerSecond', () => {
  it.each([0, -5, 2.5, Number.NaN, Number.NEGATIVE_INFINITY])('rejects %p with a typed error that mentions Infinity', (globalRequestsPerSecond) => {
    expect(() => new RestClient({ token: 't', globalRequestsPerSecond })).toThrow(
      expect.objectContaining({ code: 'OVEN_ERR_REST_BAD_OPTION', message: expect.stringContaining('or Infinity for no global gate') }) as Error,
    );
  });

  it('accepts Infinity', async () => {
    const rest = new RestClient({ token: 't', globalRequestsPerSecond: Number.POSITIVE_INFINITY });
    await rest.close();
  });
});
