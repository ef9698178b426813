/**
 * Worker-thread entry (bundled as `dist/inflateWorker.js`): reads and inflates small trail files
 * ahead of the thread that indexes them ({@link prefetchText} here instead of there), so that
 * thread only parses. `{ id, path, size, maxTextBytes? }` in; `{ id, text? }` out, the text's
 * buffer moved without a copy (`text` absent: anything unusual, left to the streaming reader).
 */
import { parentPort } from 'node:worker_threads';
import { prefetchText } from './prefetchText';

/** One file to read ahead. */
export interface InflateRequest {
  readonly id: number;
  readonly path: string;
  readonly size: number;
  readonly maxTextBytes?: number;
}

/** Its text, in an ArrayBuffer of its own. */
export interface InflateReply {
  readonly id: number;
  readonly text?: Uint8Array;
}

/** `bytes` in a buffer it fills exactly (a pooled or sliced one cannot be moved). */
export function ownBuffer(bytes: Buffer): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

const port = parentPort;
if (port) {
  port.on('message', (request: InflateRequest) => {
    void prefetchText(request.path, request.maxTextBytes, request.size).then((text) => {
      if (text === undefined) {
        port.postMessage({ id: request.id } satisfies InflateReply);
        return;
      }
      const moved = ownBuffer(text);
      port.postMessage({ id: request.id, text: moved } satisfies InflateReply, [moved.buffer as ArrayBuffer]);
    });
  });
}
