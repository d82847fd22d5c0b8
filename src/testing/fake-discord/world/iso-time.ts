// Date.parse accepts far more than ISO 8601 ("tomorrow" in some engines, "2020-01-01" as a date);
// Discord's date-time fields want a full date and time with an offset.
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO 8601 date-time, or NaN when `value` is not one. */
export function parseIsoTime(value: string): number {
  return ISO_DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
}
