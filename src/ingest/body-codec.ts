import { gunzipSync, gzipSync } from 'node:zlib';

// node:zlib exists on Node and on Workers (nodejs_compat). CompressionStream would also work on
// both, but on Node its web-stream plumbing costs ~0.45 ms per 15 kB report against ~0.06 ms here,
// which was the largest single cost of an upload (bench/RESULTS.md).

export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  return gzipSync(bytes);
}

export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  return gunzipSync(bytes);
}
