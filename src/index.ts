export * from './errors';
export * from './di';
export * from './snowflake';
export * from './hooks';
