/**
 * Worker-thread entry (bundled as `dist/inflateWorker.js`): reads and inflates small trail files
 * ahead of the thread that indexes them ({@link prefetchText} here instead of there), so that
 * thread only parses. `[{ id, path, size, maxTextBytes? }]` in; `[{ id, text? }]` out (one message
 * per message in), the texts' buffers moved without a copy (`text` absent: anything unusual, left to the streaming reader).
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
  port.on('message', (requests: InflateRequest[]) => {
    void Promise.all(requests.map(async (request): Promise<InflateReply> => {
      const text = await prefetchText(request.path, request.maxTextBytes, request.size);
      return text === undefined ? { id: request.id } : { id: request.id, text: ownBuffer(text) };
    })).then((replies) => {
      port.postMessage(replies, replies.flatMap((reply) => (reply.text ? [reply.text.buffer as ArrayBuffer] : [])));
    });
  });
}
