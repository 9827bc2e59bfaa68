// The few workerd test modules these tests use. Typed here because @cloudflare/workers-types'
// globals clash with the DOM types the rest of the project compiles against.
declare module 'cloudflare:workers' {
  export const env: Record<string, string | undefined>;
  export const exports: {
    default: {
      fetch(request: Request | string, init?: RequestInit): Promise<Response>;
      scheduled(options: { cron: string; scheduledTime?: Date | number }): Promise<{ outcome: string; noRetry: boolean }>;
    };
  };
}

declare module 'cloudflare:test' {
  export type TestExecutionContext = { waitUntil(p: Promise<unknown>): void; passThroughOnException(): void; props: unknown };
  export function createExecutionContext(): TestExecutionContext;
  export function waitOnExecutionContext(ctx: TestExecutionContext): Promise<void>;
  export function createScheduledController(options?: { scheduledTime?: Date | number; cron?: string }): { cron: string; scheduledTime: number; noRetry(): void };
}
