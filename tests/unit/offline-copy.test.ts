import { describe, expect, it } from 'vitest';
import { offlineCopyPlugin } from '../../static/offline-copy-plugin';
import { cachedAtOfNavigation, cachedAtOfResponse, CACHED_AT_HEADER, markCachedCopy } from '../../src/ui/offline-copy';

const FETCHED_AT = new Date('2026-03-14T08:05:00.000Z');
const request = new Request('https://backwatch.example/');
// The Workbox callbacks read only the request and the response; the event is not used.
const event = {} as ExtendableEvent;

/** The Server-Timing entries a browser would expose for a navigation answered with `headers`. */
function serverTiming(headers: Headers) {
  return (headers.get('server-timing') ?? '').split(',').map((entry) => {
    const [name = '', ...params] = entry.trim().split(';');
    const desc = params.map((p) => p.trim()).find((p) => p.startsWith('desc='));
    return { name, description: desc ? desc.slice('desc='.length).replace(/^"|"$/g, '') : '' };
  });
}

function cacheWillUpdate(response: Response) {
  return offlineCopyPlugin(() => FETCHED_AT).cacheWillUpdate!({ request, response, event });
}

function fetchDidSucceed(response: Response) {
  return offlineCopyPlugin().fetchDidSucceed!({ request, response, event });
}

describe('offline copies', () => {
  it('stores a copy that keeps the answer and says when it was fetched', async () => {
    const original = new Response('{"version":"v7"}', { status: 200, headers: { 'content-type': 'application/json', etag: '"v7"' } });
    const copy = (await cacheWillUpdate(original))!;
    expect(copy.status).toBe(200);
    expect(await copy.text()).toBe('{"version":"v7"}');
    expect(copy.headers.get('content-type')).toBe('application/json');
    expect(copy.headers.get('etag')).toBe('"v7"');
    expect(copy.headers.get(CACHED_AT_HEADER)).toBe('2026-03-14T08:05:00.000Z');
    expect(cachedAtOfResponse(copy.headers)).toBe('2026-03-14T08:05:00.000Z');
    expect(cachedAtOfNavigation(serverTiming(copy.headers))).toBe('2026-03-14T08:05:00.000Z');
  });

  it("keeps the server's own Server-Timing entries next to the mark", () => {
    const copy = markCachedCopy(new Response('<html></html>', { headers: { 'server-timing': 'db;dur=4' } }), FETCHED_AT);
    const entries = serverTiming(copy.headers);
    expect(entries.map((e) => e.name)).toEqual(['db', 'backwatch-cached-at']);
    expect(cachedAtOfNavigation(entries)).toBe('2026-03-14T08:05:00.000Z');
  });

  it('stores neither errors nor not-modified answers, as Workbox does by default', async () => {
    for (const status of [304, 404, 500, 502]) {
      expect(await cacheWillUpdate(new Response(null, { status }))).toBeNull();
    }
  });

  it('does not take an answer from the server for an offline copy', () => {
    const fresh = new Response('{}', { headers: { 'content-type': 'application/json' } });
    expect(cachedAtOfResponse(fresh.headers)).toBeNull();
    expect(cachedAtOfNavigation([])).toBeNull();
    expect(cachedAtOfNavigation([{ name: 'db', description: '' }])).toBeNull();
    expect(cachedAtOfResponse(new Headers({ [CACHED_AT_HEADER]: 'yesterday' }))).toBeNull();
  });

  it("falls back to the copy when a gateway says the server is unreachable, not for the server's own errors", async () => {
    for (const status of [502, 504, 521, 522, 523, 530]) {
      await expect(fetchDidSucceed(new Response('Bad Gateway', { status }))).rejects.toThrow(`the gateway answered ${status}`);
    }
    for (const status of [200, 304, 401, 404, 500, 503]) {
      const response = new Response(null, { status });
      expect(await fetchDidSucceed(response)).toBe(response);
    }
  });
});
