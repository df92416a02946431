// Relais's own SMTP listener: the organisation's mail server relays mail for the services' addresses
// here. A recipient that is no service's mailbox is refused at RCPT (550); a message over the size
// limit is refused at DATA (552): the sending server tells its sender, nothing vanishes silently.
// The message is acknowledged (250) only once stored; a database failure answers 451 so the relay
// tries again later.
import type { AddressInfo } from "node:net";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import type { DB } from "../../db/schema.js";
import { findMailbox, receiveEmail } from "./service.js";

export interface InboundListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

export async function startInboundSmtp(deps: {
  db: Kysely<DB>;
  port: number;
  host: string;
  maxBytes: number;
  log?: FastifyBaseLogger;
}): Promise<InboundListener> {
  const server = new SMTPServer({
    name: "relais",
    banner: "Relais - reception des demandes",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: deps.maxBytes,
    logger: false,
    maxClients: 50,
    socketTimeout: 60_000,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      findMailbox(deps.db, address.address).then(
        (box) =>
          callback(box ? null : smtpError(550, `5.1.1 Adresse inconnue de Relais : ${address.address}`)),
        () => callback(smtpError(451, "4.3.0 Erreur temporaire, reessayez plus tard")),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (err) => callback(err));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, `5.3.4 Message trop volumineux (${deps.maxBytes} octets au plus)`));
          return;
        }
        const raw = Buffer.concat(chunks);
        const rcpt = session.envelope.rcptTo.map((r) => r.address);
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const work = async () => {
          const box = await findMailbox(deps.db, rcpt[0] ?? "");
          if (!box) throw smtpError(550, "5.1.1 Adresse inconnue");
          const result = await receiveEmail(deps.db, box, { mailFrom, rcptTo: rcpt.join(", "), raw });
          deps.log?.info({ outcome: result.outcome, reference: result.reference }, "e-mail reçu");
          return result;
        };
        work().then(
          (r) => callback(null, `Recu : ${r.reference}`),
          (err: unknown) => {
            deps.log?.error({ err }, "e-mail entrant non enregistré (le serveur d'envoi réessaiera)");
            const code = (err as { responseCode?: number }).responseCode;
            callback(code ? (err as Error) : smtpError(451, "4.3.0 Erreur temporaire, reessayez plus tard"));
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(deps.port, deps.host, () => resolve());
  });
  server.on("error", (err) => deps.log?.error({ err }, "écouteur SMTP"));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
