/**
 * Text frames built by concatenation: the dispatch body is stringified once per event and shared by
 * every session, so a session only pays for the envelope around it (its own `s`).
 */
export function dispatchFrame(t: string, s: number, dataJson: string): string {
  return '{"t":"' + t + '","s":' + s + ',"op":0,"d":' + dataJson + '}';
}

/** A non-dispatch frame; Discord always sends `s` and `t` as null outside op 0. */
export function opFrame(op: number, dataJson: string): string {
  return '{"t":null,"s":null,"op":' + op + ',"d":' + dataJson + '}';
}
