// The type shapes of @opentelemetry/api 1.9 that a bot would pass to OvenJS (Tracer, Span, Meter,
// Counter, Histogram and what they reference), declared here because OvenJS does not depend on
// the package: the compatibility test assigns these to OvenJS's structural types, so `tsc` fails
// if a real `trace.getTracer(...)` stopped fitting.

export type AttributeValue =
  | string
  | number
  | boolean
  | Array<null | undefined | string>
  | Array<null | undefined | number>
  | Array<null | undefined | boolean>;
export interface Attributes {
  [attributeKey: string]: AttributeValue | undefined;
}
export type HrTime = [number, number];
export type TimeInput = HrTime | number | Date;
export interface ExceptionWithCode {
  code: string | number;
  name?: string;
  message?: string;
  stack?: string;
}
export interface ExceptionWithMessage {
  code?: string | number;
  message: string;
  name?: string;
  stack?: string;
}
export interface ExceptionWithName {
  code?: string | number;
  message?: string;
  name: string;
  stack?: string;
}
export type Exception = ExceptionWithCode | ExceptionWithMessage | ExceptionWithName | string;
export interface Context {
  getValue(key: symbol): unknown;
  setValue(key: symbol, value: unknown): Context;
  deleteValue(key: symbol): Context;
}
export enum SpanKind {
  INTERNAL = 0,
  SERVER = 1,
  CLIENT = 2,
  PRODUCER = 3,
  CONSUMER = 4,
}
export enum SpanStatusCode {
  UNSET = 0,
  OK = 1,
  ERROR = 2,
}
export interface SpanStatus {
  code: SpanStatusCode;
  message?: string;
}
export interface SpanContext {
  traceId: string;
  spanId: string;
  isRemote?: boolean;
  traceFlags: number;
}
export interface Link {
  context: SpanContext;
  attributes?: Attributes;
  droppedAttributesCount?: number;
}
export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  startTime?: TimeInput;
  root?: boolean;
}
export interface Span {
  spanContext(): SpanContext;
  setAttribute(key: string, value: AttributeValue): this;
  setAttributes(attributes: Attributes): this;
  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this;
  addLink(link: Link): this;
  addLinks(links: Link[]): this;
  setStatus(status: SpanStatus): this;
  updateName(name: string): this;
  end(endTime?: TimeInput): void;
  isRecording(): boolean;
  recordException(exception: Exception, time?: TimeInput): void;
}
export interface Tracer {
  startSpan(name: string, options?: SpanOptions, context?: Context): Span;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, context: Context, fn: F): ReturnType<F>;
}
export enum ValueType {
  INT,
  DOUBLE,
}
export interface MetricOptions {
  description?: string;
  unit?: string;
  valueType?: ValueType;
  advice?: { explicitBucketBoundaries?: number[] };
}
export type MetricAttributes = Attributes;
export interface Counter<AttributesTypes extends MetricAttributes = MetricAttributes> {
  add(value: number, attributes?: AttributesTypes, context?: Context): void;
}
export interface Histogram<AttributesTypes extends MetricAttributes = MetricAttributes> {
  record(value: number, attributes?: AttributesTypes, context?: Context): void;
}
export interface UpDownCounter<AttributesTypes extends MetricAttributes = MetricAttributes> {
  add(value: number, attributes?: AttributesTypes, context?: Context): void;
}
export interface Meter {
  createGauge<A extends MetricAttributes = MetricAttributes>(name: string, options?: MetricOptions): { record(value: number, attributes?: A, context?: Context): void };
  createHistogram<A extends MetricAttributes = MetricAttributes>(name: string, options?: MetricOptions): Histogram<A>;
  createCounter<A extends MetricAttributes = MetricAttributes>(name: string, options?: MetricOptions): Counter<A>;
  createUpDownCounter<A extends MetricAttributes = MetricAttributes>(name: string, options?: MetricOptions): UpDownCounter<A>;
}
