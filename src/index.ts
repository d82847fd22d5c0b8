export * from './errors';
export * from './snowflake';
