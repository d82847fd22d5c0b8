export { OvenError } from './oven-error';
export type { OvenErrorCode } from './oven-error';
export { codeInCauses } from './code-in-causes';
