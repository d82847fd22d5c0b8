import { join } from 'node:path';
import { formatManifestProblems, readManifest } from '../../../src/plugins';
import { manifest, PluginFixture } from '../support/plugin-fixture';

describe('readManifest', () => {
  let fixture: PluginFixture;
  beforeEach(() => {
    fixture = new PluginFixture();
  });
  afterEach(() => fixture.remove());

  async function problemsFor(plugin: { manifest?: unknown; manifestText?: string }) {
    const dir = fixture.folder('p', plugin);
    const result = await readManifest(join(dir, 'plugin.json'));
    if (result.ok) throw new Error('expected problems');
    for (const problem of result.problems) expect(problem.file).toBe(join(dir, 'plugin.json'));
    return result.problems.map(({ field, expected, received }) => ({ field, expected, received }));
  }

  it('accepts a complete manifest', async () => {
    const dir = fixture.folder('ok', {
      manifest: manifest('@acme/tickets', {
        dependencies: { storage: '^2.0.0' },
        optionalDependencies: { metrics: '1.x' },
        hooks: ['afterMessageReceive'],
        permissions: ['messages:send', 'rest:*'],
        sandbox: true,
      }),
    });
    const result = await readManifest(join(dir, 'plugin.json'));
    expect(result.ok && result.manifest.dependencies).toEqual({ storage: '^2.0.0' });
  });

  it('reports a missing file', async () => {
    expect(await problemsFor({})).toEqual([
      { field: '', expected: 'a readable plugin.json next to the plugin', received: 'ENOENT' },
    ]);
  });

  it('reports malformed JSON with its line and column', async () => {
    const [problem] = await problemsFor({ manifestText: '{\n  "name": "x",\n  "version": 1.0.0\n}' });
    expect(problem?.expected).toBe('a JSON object');
    expect(problem?.received).toMatch(/^invalid JSON at line 3, column \d+$/);
  });

  it('accepts a manifest saved with a UTF-8 byte order mark (as some Windows editors write it)', async () => {
    const dir = fixture.folder('bom', { manifestText: `\uFEFF${JSON.stringify(manifest('bom'))}` });
    const result = await readManifest(join(dir, 'plugin.json'));
    expect(result.ok && result.manifest.name).toBe('bom');
  });

  it('reports JSON that is not an object', async () => {
    expect(await problemsFor({ manifestText: '["name"]' })).toEqual([
      { field: '', expected: 'a JSON object', received: '["name"]' },
    ]);
  });

  it('reports every missing required field', async () => {
    const fields = (await problemsFor({ manifest: {} })).map((p) => [p.field, p.received]);
    expect(fields).toEqual([
      ['name', 'nothing'],
      ['version', 'nothing'],
      ['compatibility', 'nothing'],
      ['main', 'nothing'],
    ]);
  });

  it('explains each wrong value', async () => {
    const problems = await problemsFor({
      manifest: {
        name: 'Bad Name',
        version: '1.0',
        compatibility: 'not a range',
        main: '../outside.js',
        dependencies: { storage: 'latest!' },
        hooks: 'afterMessageReceive',
        permissions: ['messages:send', 'root'],
        sandbox: 'yes',
        dependancies: {},
      },
    });
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    expect(byField['name']?.expected).toContain('an npm-style name');
    expect(byField['version']).toEqual({ field: 'version', expected: 'a semver version such as "1.2.3"', received: '"1.0"' });
    expect(byField['compatibility']?.expected).toContain('a semver range');
    expect(byField['main']?.expected).toContain('not absolute, no ".."');
    expect(byField['dependencies.storage']).toEqual({
      field: 'dependencies.storage',
      expected: 'a semver range such as "^2.0.0" or ">=1.2 <2"',
      received: '"latest!"',
    });
    expect(byField['hooks']?.expected).toContain('an array of hook point names');
    expect(byField['permissions[1]']).toMatchObject({ received: '"root"' });
    expect(byField['permissions[1]']?.expected).toContain('each permission one of messages:send');
    expect(byField['sandbox']?.expected).toBe('true or false');
    expect(byField['dependancies']?.expected).toBe('no such field (check its spelling against docs/plugins.md)');
    expect(problems).toHaveLength(9);
  });

  it('names the entry of a map or list that is wrong, one problem each', async () => {
    const problems = await problemsFor({
      manifest: manifest('p', {
        dependencies: { storage: '^2', 'Bad Name': '^1', cache: 'not a range' },
        optionalDependencies: { metrics: 3 },
        hooks: ['afterMessageReceive', 7],
        permissions: ['admin', 'messages:send', 'rest:everything'],
      }),
    });
    expect(problems.map((p) => [p.field, p.received])).toEqual([
      ['dependencies.Bad Name', '"Bad Name"'],
      ['dependencies.cache', '"not a range"'],
      ['optionalDependencies.metrics', '3'],
      ['hooks[1]', '7'],
      ['permissions[0]', '"admin"'],
      ['permissions[2]', '"rest:everything"'],
    ]);
  });

  it('refuses an absolute main', async () => {
    const problems = await problemsFor({ manifest: manifest('p', { main: '/etc/passwd' }) });
    expect(problems.map((p) => p.field)).toEqual(['main']);
  });

  it('formats problems one per line with file, field and expectation', async () => {
    const dir = fixture.folder('f', { manifest: manifest('f', { version: 'x' }) });
    const result = await readManifest(join(dir, 'plugin.json'));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(formatManifestProblems(result.problems)).toBe(
        `${join(dir, 'plugin.json')}: version: expected a semver version such as "1.2.3", got "x"`,
      );
    }
  });
});
