export { Test } from './test';
export { TestingModule } from './testing-module';
export { TestingModuleBuilder } from './testing-module-builder';
export type { TestingModuleMetadata, OverrideBy, OverrideModuleWith } from './testing-module-builder';
export { UnusedOverrideError } from './unused-override.error';
