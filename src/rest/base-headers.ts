/**
 * The headers most requests send unchanged: user agent, the client's own headers, authorization
 * and, for JSON bodies, the content type. Built once per token instead of per request; a request
 * with a reason, its own headers or files gets a fresh copy to add to. undici reads the object
 * without changing it, so sharing it between requests in flight is safe.
 */
export class BaseHeaders {
  private token: string | undefined;
  private readonly built = new Map<string, Readonly<Record<string, string>>>();

  public constructor(
    private readonly userAgent: string,
    private readonly clientHeaders: Readonly<Record<string, string>>,
    private readonly authPrefix: string,
  ) {}

  /** The shared headers for `auth` and a JSON body or none; valid until the token changes. */
  public for(token: string | undefined, auth: boolean, json: boolean): Readonly<Record<string, string>> {
    if (token !== this.token) {
      this.built.clear();
      this.token = token;
    }
    const id = `${auth ? 'a' : '-'}${json ? 'j' : '-'}`;
    let headers = this.built.get(id);
    if (headers === undefined) {
      const next: Record<string, string> = { 'user-agent': this.userAgent, ...this.clientHeaders };
      if (auth && token !== undefined) next.authorization = `${this.authPrefix} ${token}`;
      if (json) next['content-type'] = 'application/json';
      headers = Object.freeze(next);
      this.built.set(id, headers);
    }
    return headers;
  }
}
