export { Test, TestingModule, TestingModuleBuilder, UnusedOverrideError } from './testing-module';
export type { TestingModuleMetadata, OverrideBy, OverrideModuleWith } from './testing-module';
