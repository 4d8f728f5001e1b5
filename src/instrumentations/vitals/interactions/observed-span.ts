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

/**
 * The interaction span as the ambient parent: it delegates everything to the real span and
 * notes when someone read its span context, which is what the SDK does when it starts a child
 * span (and what a logger does when it emits a record in its trace). "Someone read it" is how
 * an interaction learns that its handlers did traced work, without a span processor of its own.
 */
export class WorkObservingSpan implements Span {
  /** True once a child span or a log record was created in this span's context. */
  sawWork = false;

  constructor(readonly span: Span) {}

  spanContext(): SpanContext {
    this.sawWork = true;
    return this.span.spanContext();
  }

  setAttribute(key: string, value: AttributeValue): this {
    this.span.setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    this.span.setAttributes(attributes);
    return this;
  }

  addEvent(name: string, attributesOrStartTime?: Attributes | TimeInput, startTime?: TimeInput): this {
    this.span.addEvent(name, attributesOrStartTime, startTime);
    return this;
  }

  addLink(link: Link): this {
    this.span.addLink(link);
    return this;
  }

  addLinks(links: Link[]): this {
    this.span.addLinks(links);
    return this;
  }

  setStatus(status: SpanStatus): this {
    this.span.setStatus(status);
    return this;
  }

  updateName(name: string): this {
    this.span.updateName(name);
    return this;
  }

  /** The instrumentation ends the interaction at its paint time; app code cannot end it early. */
  end(_endTime?: TimeInput): void {}

  isRecording(): boolean {
    return this.span.isRecording();
  }

  recordException(exception: Exception, time?: TimeInput): void {
    this.span.recordException(exception, time);
  }
}
