import { startTlsNotOfferedMessage, type MailMessage, type MailTransport, type SmtpServer } from './transport';

/** Node's codes for a certificate it will not trust (the TLS handshake is refused before any password is sent). */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

type NodemailerError = Error & { code?: string; originalCode?: string; responseCode?: number; command?: string };

/** nodemailer's TLS failures name OpenSSL's problem, not what to change in the channel: say that too. */
function explainSmtpError(err: NodemailerError, server: SmtpServer): Error {
  const at = `${server.host}:${server.port}`;
  let message: string | null = null;
  if (err.originalCode && UNTRUSTED_CERTIFICATE.has(err.originalCode)) {
    message = `The TLS certificate of the SMTP server ${at} is not trusted: ${err.message} (${err.originalCode}). Give the server a certificate from a public authority for "${server.host}", or turn on allowSelfSigned for this channel if it is on a network you trust.`;
  } else if (err.code === 'ETLS' && err.command === 'STARTTLS') {
    // requireTLS: the server refused STARTTLS, and nodemailer stopped before AUTH.
    message = startTlsNotOfferedMessage(server);
  } else if (err.originalCode === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    message = `The SMTP server ${at} did not answer with TLS. Security "tls" is for implicit TLS (usually port 465); for port 587 choose "starttls".`;
  }
  if (!message) return err;
  return Object.assign(new Error(message, { cause: err }), { code: err.code, responseCode: err.responseCode });
}

/**
 * nodemailer, one connection per message (alerts are rare; no pool to keep alive). Loaded on the
 * first e-mail: a server without an e-mail channel never carries it (about 10 MB of memory).
 */
export const nodeMailTransport: MailTransport = Object.assign(async (server: SmtpServer, message: MailMessage) => {
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    tls: { rejectUnauthorized: !server.allowSelfSigned },
    auth: server.username ? { user: server.username, pass: server.password ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: { name: message.from.name, address: message.from.address },
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    return info.response;
  } catch (err) {
    throw explainSmtpError(err as NodemailerError, server);
  } finally {
    transport.close();
  }
}, { allowsSelfSigned: true });
