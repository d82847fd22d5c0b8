import { readFileSync } from 'node:fs';
import { Routes } from 'discord-api-types/v10';
import { ROUTE_SEGMENTS } from '../../src/rest/route-segments';

const SPEC_PATH = '/work/shared/oracle/discord-openapi.json';

/** Static words of a path; `{param}` placeholders and all-digit ids are not words. */
function words(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && !part.startsWith('{') && !/^\d+$/.test(part));
}

describe('ROUTE_SEGMENTS', () => {
  it("holds every fixed word of the oracle's paths", () => {
    const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, unknown> };
    const missing = Object.keys(spec.paths).flatMap(words).filter((word) => !ROUTE_SEGMENTS.has(word));
    expect([...new Set(missing)]).toEqual([]);
  });

  it("holds every fixed word of discord-api-types' Routes", () => {
    const missing: string[] = [];
    for (const build of Object.values(Routes) as Array<(...args: string[]) => string>) {
      const path = build(...Array.from({ length: build.length }, () => '111111111111111111'));
      missing.push(...words(path.split('?')[0]!).filter((word) => word !== 'undefined' && !ROUTE_SEGMENTS.has(word)));
    }
    expect([...new Set(missing)]).toEqual([]);
  });
});
