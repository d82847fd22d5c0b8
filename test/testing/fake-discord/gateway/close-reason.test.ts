import { fitCloseReason } from '../../../../src/testing/fake-discord/gateway/close-reason';

describe('fitCloseReason', () => {
  it('keeps a reason that fits in 123 bytes as it is', () => {
    expect(fitCloseReason('x'.repeat(123))).toBe('x'.repeat(123));
  });

  it('cuts by UTF-8 bytes at a whole character and marks the cut', () => {
    const fitted = fitCloseReason(`Unknown opcode "${'é'.repeat(100)}"`);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(123);
    expect(fitted).toMatch(/^Unknown opcode "é+\.\.\.$/);
    const emoji = fitCloseReason('🔥'.repeat(40));
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(123);
    expect(emoji).toBe(`${'🔥'.repeat(30)}...`);
  });
});
