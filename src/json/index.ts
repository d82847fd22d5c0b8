export { JsonDecoder } from './json-decoder';
export type { JsonDecoderOptions, JsonDecoderStats } from './json-decoder';
