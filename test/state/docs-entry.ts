// What `import ... from 'ovenjs'` means in docs/state.md examples: the faces they use, not the
// whole package, so the check does not depend on other capabilities' work in progress.
export * from '../../src/di';
export * from '../../src/state';
export { HookManager } from '../../src/hooks';
