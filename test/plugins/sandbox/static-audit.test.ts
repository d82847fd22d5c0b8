import { auditSource } from '../../../src/plugins';

const rules = (source: string, permissions: string[] = []) =>
  auditSource('index.js', source, new Set(permissions)).map((f) => `${f.line}:${f.rule}:${f.detail}`);

describe('auditSource', () => {
  it('flags modules no permission allows, in require, import and import()', () => {
    expect(rules(`const a = require('child_process');\nimport vm from 'node:vm';\nconst w = await import("worker_threads");\nimport 'inspector';`)).toEqual([
      '1:forbidden-module:imports "child_process", which no permission allows',
      '2:forbidden-module:imports "node:vm", which no permission allows',
      '3:forbidden-module:imports "worker_threads", which no permission allows',
      '4:forbidden-module:imports "inspector", which no permission allows',
    ]);
  });

  it('flags fs and network modules unless the manifest grants them', () => {
    const source = `const fs = require('fs');\nconst https = require('node:https');\nexport { x } from 'dns';`;
    expect(rules(source)).toEqual([
      '1:unpermitted-module:imports "fs" without the "fs:read" permission',
      '2:unpermitted-module:imports "node:https" without the "net" permission',
      '3:unpermitted-module:imports "dns" without the "net" permission',
    ]);
    expect(rules(source, ['fs:write', 'net'])).toEqual([]);
  });

  it('flags eval, new Function, computed requires and process internals', () => {
    expect(rules(`eval(code);\nconst f = new Function('a', 'return a');\nrequire(name);\nprocess.binding('fs');\nprocess.dlopen(m, p);`)).toEqual([
      '1:eval:uses eval to run code from a string',
      '2:eval:uses new Function to run code from a string',
      '3:dynamic-require:calls require with a computed name',
      '4:process-internals:uses process.binding',
      '5:process-internals:uses process.dlopen',
    ]);
  });

  it('ignores comments but not code after a URL in a string', () => {
    expect(rules(`// require('child_process')\n/* eval(x)\n require('vm') */\nconst url = 'https://example.com'; require('cluster');`)).toEqual([
      '4:forbidden-module:imports "cluster", which no permission allows',
    ]);
  });
});
