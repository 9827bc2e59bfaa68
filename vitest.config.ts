import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import TEST_BINDINGS from './tests/worker/test-bindings.json' with { type: 'json' };

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/summary-reporter.ts'],
    projects: [
      // Channel tests live beside their channel (src/notify/channels/<channel>/).
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}', 'src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.{ts,tsx}'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        // Browser tests in Debian's Chromium against the built front end (npm test builds first).
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
      },
      {
        extends: true,
        // The Worker entry inside workerd; its Turso database is a Hrana test server started in Node.
        resolve: { alias: { 'backwatch:asset-manifest': './dist/public/.vite/manifest.json' } },
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                ...TEST_BINDINGS,
                TURSO_DATABASE_URL: inject('tursoUrl'),
                BEHIND_TURSO_DATABASE_URL: inject('behindTursoUrl'),
                CAPTURE_URL: inject('captureUrl'),
                PUSH_SUBSCRIPTION: inject('pushSubscription'),
                SMTP_PORT: inject('smtpPort'),
                BUDGET_TURSO_DATABASE_URL: inject('budgetTursoUrl'),
                EMAIL_TURSO_DATABASE_URL: inject('emailTursoUrl'),
                SMTP_NO_STARTTLS: inject('smtpNoStartTls'),
                SMTP_STARTTLS: inject('smtpStartTls'),
                SMTP_IMPLICIT_TLS: inject('smtpImplicitTls'),
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          globalSetup: ['tests/worker/global-setup.ts', 'tests/worker/delivery-budget-setup.ts', 'tests/worker/email-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
