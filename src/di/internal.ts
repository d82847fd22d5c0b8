// The DI core's face for `src/testing/testing-module` (same owner): compiling a graph with
// overrides is not something bot code should do, so it stays out of `index.ts`.
export { buildGraph } from './application/oven-factory';
export type { ScanOverrides } from './graph/module-scanner';
