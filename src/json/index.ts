export { JsonDecoder } from './json-decoder';
export type { JsonDecoderOptions, JsonDecoderStats } from './json-decoder';
export { InvalidUtf8Error } from './invalid-utf8-error';
