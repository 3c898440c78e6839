import { createServer, type Server, type Socket } from "node:net";

/** How the scripted server answers the next session. */
export type SmtpBehaviour = "accept" | "451" | "550" | "drop-in-data" | "stall-in-data";

/**
 * A minimal SMTP server for delivery tests whose answer can be switched between sessions: accept,
 * answer 451 or 550 to the message, drop the connection mid-DATA, or stall after DATA. `kill()`
 * closes it so the next connection is refused. Records every message it got to the end of, accepted or not.
 */
export const scriptedSmtp = async (behaviour: SmtpBehaviour = "accept") => {
  const state = { behaviour };
  const received: Array<{ behaviour: SmtpBehaviour; data: string }> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    const mode = state.behaviour;
    let inData = false;
    let data = "";
    let buffer = "";
    socket.write("220 scripted ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      let nl: number;
      while ((nl = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        if (inData) {
          if (line !== ".") {
            data += `${line}\n`;
            if (mode === "drop-in-data") return void socket.destroy();
            continue;
          }
          inData = false;
          received.push({ behaviour: mode, data });
          if (mode === "stall-in-data") continue;
          socket.write(mode === "451" ? "451 4.3.0 try again later\r\n" : mode === "550" ? "550 5.1.1 no such user\r\n" : "250 2.0.0 queued\r\n");
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-scripted\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 ok\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    received,
    set: (b: SmtpBehaviour) => { state.behaviour = b; },
    /** Closes the server and its open connections: the next connection is refused. */
    kill: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
};
