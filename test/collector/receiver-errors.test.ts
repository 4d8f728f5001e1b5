import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollectorStack } from '../support/stack.js';

/** An OTLP ExportTraceServiceRequest in protobuf: one span, with its binary trace and span ids. */
function protobufSpan(): Buffer {
  const field = (n: number, bytes: Buffer) => Buffer.concat([Buffer.from([(n << 3) | 2, bytes.length]), bytes]);
  const span = Buffer.concat([
    field(1, Buffer.from('5b8efff798038103d269b633813fc60c', 'hex')),
    field(2, Buffer.from('eee19b7ec3c1b174', 'hex')),
    field(5, Buffer.from('op')),
  ]);
  return field(1, field(2, field(2, span)));
}

/**
 * Pins the OTLP/HTTP receiver's answers to malformed bodies at v0.161 (README, "Collector"):
 * a body that is not JSON is refused with 400 — unless the parse error message quotes bytes
 * that are not UTF-8 (binary junk, protobuf sent as JSON), which the receiver cannot encode
 * into its JSON error status, so it answers its fallback 500. No receiver setting changes that;
 * either way nothing enters the pipeline, and OTLP exporters do not retry a 400 or a 500.
 */
describe('OTLP/HTTP receiver: answers to malformed bodies (v0.161 behaviour, pinned)', () => {
  const stack = new CollectorStack({ name: 'otelcol-receiver-errors' });
  const ports = stack.ports;

  beforeAll(async () => {
    await stack.start();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const post = async (body: Buffer | string, type: string) => {
    const res = await fetch(`http://127.0.0.1:${ports.http}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    return { status: res.status, text: await res.text() };
  };

  it('400 for malformed JSON, text sent as JSON, and junk or truncated data sent as protobuf', async () => {
    expect((await post('{"resourceSpans": [', 'application/json')).status).toBe(400);
    expect((await post('hello world', 'application/json')).status).toBe(400);
    expect((await post(Buffer.from([0xff, 0x00, 0x13, 0x37, 0xfe]), 'application/x-protobuf')).status).toBe(400);
    expect((await post(protobufSpan().subarray(0, 9), 'application/x-protobuf')).status).toBe(400);
  });

  it('the same protobuf is accepted as protobuf, but sent as JSON it gets the fallback 500', async () => {
    expect((await post(protobufSpan(), 'application/x-protobuf')).status).toBe(200);
    const asJson = await post(protobufSpan(), 'application/json');
    expect(asJson.status).toBe(500);
    expect(JSON.parse(asJson.text)).toEqual({ code: 13, message: 'failed to marshal error message' });
  });

  it('binary junk sent as JSON gets the fallback 500', async () => {
    const junk = Buffer.from([0x0a, 0xff, 0xfe, 0x80, 0x81, 0xc3, 0x28, 0x00]);
    const res = await post(junk, 'application/json');
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text)).toEqual({ code: 13, message: 'failed to marshal error message' });
  });
});
