import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrate';
import { openWebDatabase } from '../../src/db/web-client';
import { MIGRATIONS_DIR } from '../../src/project-root';
import { startHranaServer } from '../support/hrana-server/server';
import { serveSmtpCapture, startSmtpCapture } from '../support/notify-peers';
import { selfSignedCertificate } from '../support/tls-certificate';
import TEST_BINDINGS from './test-bindings.json';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database of its own for the e-mail security test, so its channels never get other tests' alerts. */
    emailTursoUrl: string;
    /** An SMTP server that does not offer STARTTLS but takes AUTH in plain text, as JSON `{port, url}` (url: what it saw). */
    smtpNoStartTls: string;
    /** An SMTP server that offers STARTTLS with a self-signed certificate, as JSON `{port, url}`. */
    smtpStartTls: string;
    /** An SMTP server speaking TLS from the first byte (implicit TLS) with a self-signed certificate, as JSON `{port, url}`. */
    smtpImplicitTls: string;
  }
}

/** Runs in Node before workerd starts: the e-mail security test's database and SMTP peers. */
export default async function setup(project: TestProject) {
  const database = await startHranaServer({ authToken: TEST_BINDINGS.TURSO_AUTH_TOKEN });
  await applyMigrations(openWebDatabase(database.url, TEST_BINDINGS.TURSO_AUTH_TOKEN), MIGRATIONS_DIR);
  const user = { username: TEST_BINDINGS.SMTP_USER, password: TEST_BINDINGS.SMTP_PASSWORD };
  const plain = await startSmtpCapture(user);
  const starttls = await startSmtpCapture(user, { ...selfSignedCertificate(), mode: 'starttls' });
  const implicit = await startSmtpCapture(user, { ...selfSignedCertificate(), mode: 'implicit' });
  const plainView = await serveSmtpCapture(plain);
  const starttlsView = await serveSmtpCapture(starttls);
  const implicitView = await serveSmtpCapture(implicit);

  project.provide('emailTursoUrl', database.url);
  project.provide('smtpNoStartTls', JSON.stringify({ port: plain.port, url: plainView.url }));
  project.provide('smtpStartTls', JSON.stringify({ port: starttls.port, url: starttlsView.url }));
  project.provide('smtpImplicitTls', JSON.stringify({ port: implicit.port, url: implicitView.url }));
  return async () => {
    await Promise.all([plainView.close(), starttlsView.close(), implicitView.close()]);
    await Promise.all([plain.close(), starttls.close(), implicit.close(), database.close()]);
  };
}
