import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_HOOK_POINTS, HOOK_WIRING, renderHooksMarkdown } from '../../src/hooks';

const DOC = join(__dirname, '../../docs/hooks.md');

describe('docs/hooks.md', () => {
  it('is generated from the registry and up to date', () => {
    const expected = renderHooksMarkdown(BUILTIN_HOOK_POINTS, HOOK_WIRING);
    if (process.env['OVEN_UPDATE_DOCS'] === '1') writeFileSync(DOC, expected);
    // When this fails: OVEN_UPDATE_DOCS=1 npx jest test/hooks/hooks-doc
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });

  it('lists every point with its kind and payload', () => {
    const doc = renderHooksMarkdown(BUILTIN_HOOK_POINTS, new Map([['beforeAPICall', 'REST bridge']]));
    for (const point of BUILTIN_HOOK_POINTS) expect(doc).toContain(`| \`${point.name}\` | ${point.kind} |`);
    expect(doc).toContain('| `beforeAPICall` | waterfall | `ApiRequestPayload` |');
    expect(doc).toMatch(/\| `beforeAPICall` .*\| REST bridge \|/);
    expect(doc).toMatch(/\| `messageValidate` \| bail \| `OutgoingMessagePayload` → `MessageVeto` .*\| not fired yet \|/);
  });
});
