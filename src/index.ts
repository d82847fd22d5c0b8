export * from './errors';
export * from './snowflake';
export * from './hooks';
