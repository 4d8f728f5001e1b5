import type {
  Attributes,
  AttributeValue,
  Exception,
  Link,
  Span,
  SpanContext,
  SpanStatus,
  TimeInput,
} from '@opentelemetry/api';

/** What the lazy span starts its real span from, and tells when its interaction turns out busy. */
export interface LazySpanSource {
  startSpan(): Span;
  readonly becameBusy: () => void;
}

/**
 * The interaction span as the ambient parent, created only when needed. Most events start no
 * traced work and are fast (a tap is pointerdown, pointerup and click; only the click has a
 * handler), and an SDK span costs tens of µs to start on a slow phone, so the real span is
 * started — with the event's own start time, as the root of a new trace — the first time someone
 * reads its span context (the SDK does when it starts a child span; a logger when it emits a
 * record in its trace) or writes to it, or when the instrumentation exports a slow interaction.
 * That first use is also how the interaction learns its handlers did traced work, without a span
 * processor of its own.
 */
export class LazyInteractionSpan implements Span {
  /** True once a child span, a log record or app code used this span. */
  declare sawWork: boolean;
  declare private real: Span | undefined;
  declare private readonly source: LazySpanSource;

  constructor(source: LazySpanSource) {
    this.source = source;
    this.sawWork = false;
    this.real = undefined;
  }

  /** The real span, started now if it was not yet (does not count as work). */
  get span(): Span {
    return (this.real ??= this.source.startSpan());
  }

  /** The real span was started. */
  get started(): boolean {
    return this.real !== undefined;
  }

  private used(): Span {
    this.markBusy();
    return this.span;
  }

  /** Its handlers (or a long animation frame that overlapped it) did traced work: tell the source, once. */
  markBusy(): void {
    if (this.sawWork) return;
    this.sawWork = true;
    this.source.becameBusy();
  }

  spanContext(): SpanContext {
    return this.used().spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    this.used().setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    this.used().setAttributes(attributes);
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this {
    this.used().addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.used().addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.used().addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.used().setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.used().updateName(name);
    return this;
  }

  /** The instrumentation ends the interaction at its paint time; app code cannot end it early. */
  end(_endTime?: TimeInput): void {}

  /** Interactions are always recorded (frametel's sampler records everything; export is sampled). */
  isRecording(): boolean {
    return this.real?.isRecording() ?? true;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.used().recordException(exception, time);
  }
}
