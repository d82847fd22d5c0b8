import type { RequestOptions, RestMethod, RouteLike } from '../rest-request';

/** The part of RestClient the façades use; keeps them free of a circular import. */
export interface RestCaller {
  request<T = unknown>(method: RestMethod, route: RouteLike, options?: RequestOptions): Promise<T>;
}

/** Options a façade call passes through to the request. */
export type CallOptions = Pick<RequestOptions, 'signal' | 'timeout' | 'totalTimeout' | 'rejectOnRateLimit' | 'headers'>;

/** Options of a façade call that can carry an audit-log reason. */
export type ReasonOptions = CallOptions & Pick<RequestOptions, 'reason'>;

/** Options of a façade call that can upload files. */
export type FileOptions = CallOptions & Pick<RequestOptions, 'files'>;

/** Copies only the defined options, which `exactOptionalPropertyTypes` requires. */
export function pass(options: RequestOptions | undefined, extra: RequestOptions = {}): RequestOptions {
  return options === undefined ? extra : { ...options, ...extra };
}
