// The package's face: each capability's own index.ts is an explicit list of what it makes public;
// a name exported by two of them is a compile error (TS2308), so nothing is shadowed silently.
export * from './errors';
export * from './rest';
export * from './proxy';
export * from './di';
export * from './snowflake';
export * from './hooks';
export * from './plugins';
export * from './cache';
export * from './state';
export * from './commands';
export * from './builders';
export * from './gateway';
export * from './json';
export * from './client';
export * from './telemetry';
export type { TlsOptions } from './tls';
