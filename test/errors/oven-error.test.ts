import { OvenError } from '../../src/errors';

class SampleError extends OvenError {}

describe('OvenError', () => {
  it('keeps its code, the subclass name and the cause', () => {
    const cause = new Error('root');
    const error = new SampleError('OVEN_ERR_SAMPLE', 'it broke', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('OVEN_ERR_SAMPLE');
    expect(error.name).toBe('SampleError');
    expect(error.cause).toBe(cause);
  });
});
