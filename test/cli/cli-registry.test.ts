import { CliError, CliRegistry, parseArguments, type CliCommand } from '../../src/cli';

const echo: CliCommand = {
  name: 'echo',
  summary: 'Echoes its options',
  options: { port: { type: 'number', description: 'a port' }, name: { type: 'string', description: 'a name' }, loud: { type: 'boolean', description: 'shout' } },
  run: async (args, context) => {
    context.stdout(JSON.stringify(args));
    return 0;
  },
};

function io(): { out: string[]; err: string[]; context: Parameters<CliCommand['run']>[1] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, context: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), signal: new AbortController().signal } };
}

describe('CLI registry', () => {
  it('dispatches to a registered subcommand with typed options', async () => {
    const registry = new CliRegistry().register(echo);
    const { out, context } = io();
    expect(await registry.run(['echo', '--port', '8080', '--name=oven', '--loud'], context)).toBe(0);
    expect(JSON.parse(out[0] ?? '{}')).toEqual({ port: 8080, name: 'oven', loud: true });
  });

  it('prints a coded error and the usage for unknown commands and options, exit code 2', async () => {
    const registry = new CliRegistry().register(echo);
    const first = io();
    expect(await registry.run(['nope'], first.context)).toBe(2);
    expect(first.err[0]).toContain('OVEN_ERR_CLI_UNKNOWN_COMMAND');
    expect(first.err.join('\n')).toContain('echo');
    const second = io();
    expect(await registry.run(['echo', '--colour', 'red'], second.context)).toBe(2);
    expect(second.err[0]).toContain('Unknown option --colour');
  });

  it('rejects a mistyped value and a second command with the same name', () => {
    expect(() => parseArguments(echo, ['--port', 'abc'])).toThrow(CliError);
    expect(() => parseArguments(echo, ['--port'])).toThrow('needs a number value');
    expect(() => new CliRegistry().register(echo).register(echo)).toThrow(expect.objectContaining({ code: 'OVEN_ERR_CLI_DUPLICATE_COMMAND' }));
  });
});
