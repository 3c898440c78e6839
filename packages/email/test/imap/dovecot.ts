import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { createConnection, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Why the real-IMAP tests cannot run here, or null: they need `SPOC_DOVECOT` (the dovecot binary,
 * exported by `.ci/run`) and root (dovecot switches to the mail user).
 */
export const dovecotMissing = (): string | null => {
  const bin = process.env["SPOC_DOVECOT"];
  if (!bin) return "SPOC_DOVECOT is not set (.ci/run sets it after installing dovecot-imapd)";
  if (!existsSync(bin)) return `SPOC_DOVECOT=${bin} does not exist`;
  if (process.getuid?.() !== 0) return "dovecot needs root to switch to the mail user";
  return null;
};

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const accepting = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("data", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });

/** A running throwaway dovecot: loopback IMAP without TLS, one passwd-file user, maildir in a temp dir. */
export interface Dovecot {
  readonly port: number;
  readonly user: string;
  readonly pass: string;
  stop(): Promise<void>;
}

/**
 * Starts dovecot in the foreground from a config written to a temp dir (a free port on 127.0.0.1,
 * `ssl = no`, plaintext auth, maildir) and waits until it greets. `stop()` ends that process and
 * removes the directory.
 */
export const startDovecot = async (bin: string, fixedPort?: number): Promise<Dovecot> => {
  const dir = mkdtempSync(join(tmpdir(), "spoc-dovecot-"));
  chmodSync(dir, 0o755);
  const mail = join(dir, "mail");
  mkdirSync(mail);
  chmodSync(mail, 0o777);
  const port = fixedPort ?? (await freePort());
  const user = "desk";
  const pass = "desk-secret";
  writeFileSync(join(dir, "passwd"), `${user}:{PLAIN}${pass}::::::\n`);
  const conf = join(dir, "dovecot.conf");
  writeFileSync(conf, `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  inet_listener http {
    port = 0
  }
}
`);
  const child: ChildProcess = spawn(bin, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (await accepting(port)) return { port, user, pass, stop };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = existsSync(join(dir, "dovecot.log")) ? readFileSync(join(dir, "dovecot.log"), "utf8") : "";
  await stop();
  throw new Error(`dovecot did not start: ${output}\n${log}`);
};
