import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** Listens on 127.0.0.1 (`port` 0: a free one) and resolves with the port actually bound. */
export async function listenOnLoopback(server: Server, port = 0): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return (server.address() as AddressInfo).port;
}

/** Closes the server now, keep-alive connections included (a stopped intake must refuse at once). */
export async function closeNow(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * The request's whole body, as sent (still encoded). A request its client aborts never resolves:
 * there is nobody to answer, and the handler just stops there.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => {}); // aborted mid-body
  });
}

/** A body decoded by its content-encoding header (gzip, deflate, br, none); throws on another. */
export function decodeBody(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding) {
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    case undefined:
    case 'identity':
      return body;
    default:
      throw new Error(`unsupported content-encoding ${encoding}`);
  }
}
