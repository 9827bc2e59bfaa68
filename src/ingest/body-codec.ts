import { promisify } from 'node:util';
import { gunzip as gunzipAsync, gzip as gzipAsync } from 'node:zlib';

// node:zlib exists on Node and on Workers (nodejs_compat). CompressionStream would also work on
// both, but on Node its web-stream plumbing cost ~0.45 ms per 15 kB report. The callback form runs
// on libuv's thread pool, so compressing the raw body of an upload (~0.15 ms) leaves the event
// loop free for the next request (bench/RESULTS.md).
const gzipBuffer = promisify(gzipAsync);
const gunzipBuffer = promisify(gunzipAsync);

export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return gzipBuffer(bytes);
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return gunzipBuffer(bytes);
}
