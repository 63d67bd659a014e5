// A local SMTP relay for tests: smtp-server (from the nodemailer project) speaking real SMTP on
// 127.0.0.1, with AUTH PLAIN/LOGIN against one user and no TLS, keeping what it is sent.
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** MAIL FROM and RCPT TO, as the client gave them. */
  envelope: { from: string | null; to: string[] };
  /** The user the client logged in as. */
  user: string | null;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The HTML part, when the message has one. */
  html: string | null;
  /** The Message-ID header, angle brackets included. */
  messageId: string | null;
  headers: Map<string, unknown>;
}

export interface SmtpStandIn {
  host: string;
  port: number;
  user: string;
  pass: string;
  /** smtp://user:pass@127.0.0.1:port, for the mailer's smtpUrl. */
  url: string;
  inbox: ReceivedMail[];
  /** Failed AUTH attempts, to assert a wrong password was really tried and refused. */
  readonly authFailures: number;
  close(): Promise<void>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? ''));

export async function startSmtpStandIn(
  opts: { user?: string; pass?: string } = {},
): Promise<SmtpStandIn> {
  const user = opts.user ?? 'relay-user';
  const pass = opts.pass ?? 'relay-pass';
  const inbox: ReceivedMail[] = [];
  const state = { authFailures: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) return cb(null, { user });
      state.authFailures += 1;
      cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          const envFrom = session.envelope.mailFrom;
          inbox.push({
            envelope: {
              from: envFrom ? envFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            user: typeof session.user === 'string' ? session.user : null,
            from: mail.from?.value[0]?.address ?? '',
            to: addresses(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
            messageId: mail.messageId ?? null,
            headers: mail.headers,
          });
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const host = '127.0.0.1';
  return {
    host,
    port,
    user,
    pass,
    url: `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@${host}:${port}`,
    inbox,
    get authFailures() {
      return state.authFailures;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
