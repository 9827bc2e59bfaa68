/** Workers free plan: subrequests per invocation, counting every fetch and every outbound socket. */
export const FREE_PLAN_LIMIT = 50;

/**
 * Runs one invocation and returns the URL of every fetch it made. The Worker builds its Turso
 * client inside the invocation, so the client takes this fetch too and every query is counted.
 */
export async function fetchesDuring(run: () => Promise<unknown>): Promise<string[]> {
  const urls: string[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return original(input, init);
  }) as typeof fetch;
  try {
    await run();
  } finally {
    globalThis.fetch = original;
  }
  return urls;
}
