import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * A process started with --disallow-code-generation-from-strings (some hardened deployments) must
 * still load the gateway and decode every frame: the decoder then hands everything to JSON.parse.
 */
describe('JsonDecoder without code generation', () => {
  it('loads and decodes as JSON.parse does, counting every input as a fallback', () => {
    const script = `
      const { JsonDecoder, InvalidUtf8Error } = require(${JSON.stringify(join(__dirname, '../../src/json'))});
      const decoder = new JsonDecoder({ tagKey: 't', rejectInvalidUtf8: true });
      const frame = '{"t":"MESSAGE_CREATE","s":1,"op":0,"d":{"id":"1310000000000000001","content":"hi ☕","n":-0}}';
      const out = [];
      for (let i = 0; i < 3; i++) out.push(decoder.decode(Buffer.from(frame)));
      let refused = false;
      try { decoder.decode(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])); } catch (error) { refused = error instanceof InvalidUtf8Error; }
      let codegen = 'allowed';
      try { new Function('return 1'); } catch { codegen = 'refused'; }
      process.stdout.write(JSON.stringify({ same: out.every((v) => JSON.stringify(v) === frame.replace('-0', '0') && Object.is(v.d.n, -0)), stats: decoder.stats(), refused, codegen }));
    `;
    const output = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-r', 'ts-node/register/transpile-only', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ same: true, stats: { fast: 0, fallbacks: 4 }, refused: true, codegen: 'refused' });
  });
});
