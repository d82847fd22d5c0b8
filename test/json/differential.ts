import type { JsonDecoder } from '../../src/json';
import { jsonDifference } from './same-json';

/**
 * How `decoder.decode(bytes, start, end)` differs from `JSON.parse(Buffer#toString(bytes, start, end))`, or undefined when
 * it does not: the same value (see jsonDifference), or the same SyntaxError (class and message)
 * when JSON.parse throws. The message names the input, so a failure can be replayed.
 */
export function decodeDifference(decoder: JsonDecoder, bytes: Uint8Array, start = 0, end = bytes.length): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8', start, end);
  const expected = attempt(() => JSON.parse(text) as unknown);
  const actual = attempt(() => (start === 0 && end === bytes.length ? decoder.decode(bytes) : decoder.decode(bytes, start, end)));
  const difference = outcomeDifference(actual, expected);
  return difference === undefined ? undefined : `${difference} for ${JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}...` : text)}`;
}

type Outcome = { value: unknown } | { error: unknown };

function attempt(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

function outcomeDifference(actual: Outcome, expected: Outcome): string | undefined {
  if ('error' in expected) {
    if (!('error' in actual)) return `returned a value where JSON.parse threw ${String(expected.error)}`;
    const a = actual.error as Error;
    const e = expected.error as Error;
    if (!(a instanceof SyntaxError) || a.constructor !== e.constructor || a.message !== e.message) return `threw ${String(a)} where JSON.parse threw ${String(e)}`;
    return undefined;
  }
  if ('error' in actual) return `threw ${String(actual.error)} where JSON.parse returned a value`;
  return jsonDifference(actual.value, expected.value);
}
