import { randomBytes, timingSafeEqual } from "node:crypto";
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, rmdir, stat, unlink, type FileHandle } from "node:fs/promises";
import { createServer, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, posix, relative } from "node:path";
import ssh2 from "ssh2";
import type { Connection, SFTPWrapper } from "ssh2";
import { hostKeyFingerprint } from "../host-key.js";
import { noSftpFaults, type SftpFault, type SftpFaultSchedule } from "./sftp-faults.js";

const { STATUS_CODE, flagsToString } = ssh2.utils.sftp;

/** Options of {@link startSftpServer}. */
export interface SftpServerOptions {
  /** The folder served as `/` (default: a new temporary folder, removed by `close`). */
  readonly root?: string;
  readonly username?: string;
  /** The password it accepts (default: random). */
  readonly password?: string;
  readonly faults?: SftpFaultSchedule;
  /** Delay before every answer, in ms (a slow server). */
  readonly delayMs?: number;
  /** Called after each WRITE is carried out: its path, its size, and the bytes written so far by all connections. */
  readonly onWrite?: (info: { readonly path: string; readonly bytes: number; readonly totalBytes: number }) => void;
  /** Called when a file is complete under a name: closed after writing, or renamed to it. Paths are relative to the root. */
  readonly onStored?: (path: string) => void | Promise<void>;
}

/** One SFTP request the server received. */
export interface SftpRequestRecord {
  readonly operation: string;
  readonly path: string;
  /** The status it answered (0 OK), or `"fault:<kind>"`. */
  readonly outcome: number | string;
}

/** A running test SFTP server. */
export interface SftpTestServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** The local folder it serves as `/`. */
  readonly root: string;
  readonly username: string;
  /** Its host key's fingerprint, for `hostKeys`. */
  readonly hostKeyFingerprint: string;
  /**
   * Settings that reach it: host, port, username, pinned host key, and a
   * password (default) or a private key the server accepts.
   */
  settings(options?: { readonly auth?: "password" | "privateKey" }): {
    host: string;
    port: number;
    username: string;
    hostKeys: string[];
    password?: string;
    privateKey?: string;
  };
  /** Every SFTP request, in order. */
  readonly requests: readonly SftpRequestRecord[];
  /** SSH connections accepted so far. */
  connections(): number;
  /** Login attempts (any method) so far: a client that refuses the host key makes none. */
  loginAttempts(): number;
  setFaults(schedule: SftpFaultSchedule): void;
  setDelay(ms: number): void;
  /** While true, every login is refused. */
  refuseLogins(refuse: boolean): void;
  /** Drops the connection that is writing when the total bytes written pass `bytes` (once). */
  dropAfterWrittenBytes(bytes: number | undefined): void;
  /** Regular files under `dir` (relative to the root; default all), as sorted root-relative paths. Temporary files included. */
  files(dir?: string): Promise<string[]>;
  /** A file's bytes (root-relative path). */
  read(path: string): Promise<Buffer>;
  /** The password and private key it hands out, to look for in output. */
  secrets(): string[];
  close(): Promise<void>;
}

interface OpenHandle {
  readonly path: string;
  readonly real: string;
  readonly file?: FileHandle;
  readonly writing: boolean;
  entries?: string[];
}

/** An answer to an SFTP request. */
type Answer =
  | { readonly status: number; readonly message?: string }
  | { readonly handle: Buffer }
  | { readonly data: Buffer }
  | { readonly attrs: ssh2.Attributes }
  | { readonly names: ssh2.FileEntry[] };

const statusOfFsError = (error: unknown): Answer => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return { status: STATUS_CODE.NO_SUCH_FILE, message: "No such file" };
  if (code === "EACCES" || code === "EPERM") return { status: STATUS_CODE.PERMISSION_DENIED, message: "Permission denied" };
  return { status: STATUS_CODE.FAILURE, message: "Failure" };
};

const attrsOf = (s: import("node:fs").Stats): ssh2.Attributes => ({
  mode: s.mode,
  uid: s.uid,
  gid: s.gid,
  size: s.size,
  atime: Math.floor(s.atimeMs / 1000),
  mtime: Math.floor(s.mtimeMs / 1000),
});

async function walk(dir: string, base: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full, base)));
    else if (entry.isFile()) out.push(relative(base, full).split("\\").join("/"));
  }
  return out;
}

const hostKeyOrThrow = (text: string) => {
  const key = ssh2.utils.parseKey(text);
  if (key instanceof Error) throw key;
  return key;
};

/**
 * An Ed25519 key pair in OpenSSH form. ssh2's generator drops a leading zero
 * byte of the public key about once in 256 keys (a 31-byte key that no
 * parser accepts): such a pair is drawn again.
 */
function generateKeyPair(): { private: string; public: string } {
  for (;;) {
    const pair = ssh2.utils.generateKeyPairSync("ed25519");
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error) && !(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
}

/**
 * Starts an SFTP server (ssh2's `Server`) on 127.0.0.1 at an ephemeral port,
 * serving a real folder as `/` (relative paths are relative to `/`; `..` never
 * leaves the folder). It logs in one user by password or public key, and
 * answers as OpenSSH's sftp-server does where clients can tell: RENAME onto
 * an existing file fails with `SSH_FX_FAILURE` (OpenSSH links, then unlinks;
 * source: sftp-server.c, process_rename), MKDIR of an existing folder fails,
 * a missing file or folder is `SSH_FX_NO_SUCH_FILE`. No SFTP extensions are
 * offered (no posix-rename). Faults: per-request failures, dropped
 * connections and unanswered requests (a schedule), refused logins, a delay
 * before every answer, a drop in the middle of an upload.
 */
export async function startSftpServer(options: SftpServerOptions = {}): Promise<SftpTestServer> {
  const ownRoot = options.root === undefined;
  const root = options.root ?? (await mkdtemp(join(tmpdir(), "abm-sftp-server-")));
  const username = options.username ?? "abm";
  const password = options.password ?? randomBytes(12).toString("base64url");
  const hostKey = generateKeyPair();
  const clientKey = generateKeyPair();
  const clientPublic = hostKeyOrThrow(clientKey.public);
  const hostPublic = hostKeyOrThrow(hostKey.public);
  const fingerprint = hostKeyFingerprint(hostPublic.getPublicSSH());

  let faults = options.faults ?? noSftpFaults;
  let delayMs = options.delayMs ?? 0;
  let refuse = false;
  let dropAt: number | undefined;
  let written = 0;
  let connections = 0;
  let loginAttempts = 0;
  let requestIndex = 0;
  const requests: SftpRequestRecord[] = [];
  const sockets = new Map<number, Socket>();
  const clients = new Set<Connection>();
  const hanging = new Set<() => void>();

  const real = (path: string) => join(root, posix.normalize(`/${path}`));
  const virtual = (path: string) => posix.normalize(`/${path}`);
  const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

  const server = new ssh2.Server({ hostKeys: [hostKey.private] }, (client, info) => {
    connections++;
    clients.add(client);
    const socket = sockets.get(info.port);
    const drop = () => socket?.destroy();
    client.on("error", () => undefined);
    client.on("close", () => clients.delete(client));
    client.on("authentication", (ctx) => {
      if (ctx.method !== "none") loginAttempts++;
      if (refuse || ctx.username !== username) return ctx.reject();
      if (ctx.method === "password" && sameSecret(ctx.password, password)) return ctx.accept();
      if (ctx.method === "publickey" && ctx.key.algo === clientPublic.type && ctx.key.data.equals(clientPublic.getPublicSSH())) {
        if (ctx.signature === undefined) return ctx.accept();
        if (clientPublic.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
      }
      ctx.reject(["password", "publickey"]);
    });
    client.on("ready", () => {
      client.on("session", (acceptSession) => {
        const session = acceptSession();
        session.on("sftp", (acceptSftp) => serveSftp(acceptSftp(), drop));
      });
    });
  });

  function serveSftp(sftp: SFTPWrapper, drop: () => void): void {
    const handles = new Map<number, OpenHandle>();
    let nextHandle = 0;
    const handleOf = (buffer: Buffer) => (buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined);
    const newHandle = (h: OpenHandle) => {
      const id = nextHandle++;
      handles.set(id, h);
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(id);
      return buffer;
    };
    sftp.on("error", () => undefined);
    sftp.on("close", () => {
      for (const h of handles.values()) void h.file?.close().catch(() => undefined);
    });

    const send = (reqid: number, answer: Answer) => {
      if ("status" in answer) sftp.status(reqid, answer.status, answer.message);
      else if ("handle" in answer) sftp.handle(reqid, answer.handle);
      else if ("data" in answer) sftp.data(reqid, answer.data);
      else if ("attrs" in answer) sftp.attrs(reqid, answer.attrs);
      else sftp.name(reqid, answer.names);
    };

    /** Runs one request through the fault schedule, the delay and the handler. */
    const serve = (operation: string, path: string, reqid: number, handler: () => Promise<Answer>) => {
      const fault: SftpFault | undefined = faults(requestIndex++, { operation, path });
      const record = (outcome: number | string) => requests.push({ operation, path, outcome });
      const run = async () => {
        if (fault !== undefined && !fault.apply) {
          record(`fault:${fault.kind}`);
          if (fault.kind === "failure") return send(reqid, { status: STATUS_CODE.FAILURE, message: "Failure" });
          if (fault.kind === "drop") return drop();
          return void hanging.add(drop);
        }
        let answer: Answer;
        try {
          answer = await handler();
        } catch (error) {
          answer = statusOfFsError(error);
        }
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        if (fault !== undefined) {
          record(`fault:${fault.kind}`);
          if (fault.kind === "failure") return send(reqid, { status: STATUS_CODE.FAILURE, message: "Failure" });
          if (fault.kind === "drop") return drop();
          return void hanging.add(drop);
        }
        record("status" in answer ? answer.status : STATUS_CODE.OK);
        send(reqid, answer);
      };
      void run().catch(() => drop());
    };
    const ok: Answer = { status: STATUS_CODE.OK };
    const stored = async (path: string) => {
      await options.onStored?.(virtual(path).slice(1));
    };

    sftp.on("OPEN", (reqid, filename, flags) => {
      serve("OPEN", virtual(filename), reqid, async () => {
        const mode = flagsToString(flags);
        if (mode === null) return { status: STATUS_CODE.OP_UNSUPPORTED, message: "Unsupported flags" };
        const file = await open(real(filename), mode, 0o644);
        const writing = mode !== "r";
        return { handle: newHandle({ path: virtual(filename), real: real(filename), file, writing }) };
      });
    });
    sftp.on("READ", (reqid, handle, offset, length) => {
      const h = handleOf(handle);
      serve("READ", h?.path ?? "?", reqid, async () => {
        if (h?.file === undefined) return { status: STATUS_CODE.FAILURE, message: "Bad handle" };
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await h.file.read(buffer, 0, length, offset);
        return bytesRead === 0 ? { status: STATUS_CODE.EOF } : { data: buffer.subarray(0, bytesRead) };
      });
    });
    sftp.on("WRITE", (reqid, handle, offset, data) => {
      const h = handleOf(handle);
      serve("WRITE", h?.path ?? "?", reqid, async () => {
        if (h?.file === undefined || !h.writing) return { status: STATUS_CODE.FAILURE, message: "Bad handle" };
        await h.file.write(data, 0, data.length, offset);
        written += data.length;
        options.onWrite?.({ path: h.path, bytes: data.length, totalBytes: written });
        if (dropAt !== undefined && written >= dropAt) {
          dropAt = undefined;
          drop();
        }
        return ok;
      });
    });
    sftp.on("CLOSE", (reqid, handle) => {
      const h = handleOf(handle);
      serve("CLOSE", h?.path ?? "?", reqid, async () => {
        if (h === undefined) return { status: STATUS_CODE.FAILURE, message: "Bad handle" };
        handles.delete(handle.readUInt32BE(0));
        await h.file?.close();
        if (h.writing) await stored(h.path);
        return ok;
      });
    });
    const statRequest = (operation: string) => (reqid: number, path: string) =>
      serve(operation, virtual(path), reqid, async () => ({ attrs: attrsOf(await stat(real(path))) }));
    sftp.on("STAT", statRequest("STAT"));
    sftp.on("LSTAT", statRequest("LSTAT"));
    sftp.on("FSTAT", (reqid, handle) => {
      const h = handleOf(handle);
      serve("FSTAT", h?.path ?? "?", reqid, async () =>
        h === undefined ? { status: STATUS_CODE.FAILURE, message: "Bad handle" } : { attrs: attrsOf(await stat(h.real)) },
      );
    });
    sftp.on("SETSTAT", (reqid, path) => serve("SETSTAT", virtual(path), reqid, async () => (await stat(real(path)), ok)));
    sftp.on("FSETSTAT", (reqid, handle) => serve("FSETSTAT", handleOf(handle)?.path ?? "?", reqid, async () => ok));
    sftp.on("OPENDIR", (reqid, path) => {
      serve("OPENDIR", virtual(path), reqid, async () => {
        if (!(await stat(real(path))).isDirectory()) return { status: STATUS_CODE.NO_SUCH_FILE, message: "Not a directory" };
        return { handle: newHandle({ path: virtual(path), real: real(path), writing: false }) };
      });
    });
    sftp.on("READDIR", (reqid, handle) => {
      const h = handleOf(handle);
      serve("READDIR", h?.path ?? "?", reqid, async () => {
        if (h === undefined) return { status: STATUS_CODE.FAILURE, message: "Bad handle" };
        if (h.entries !== undefined) return { status: STATUS_CODE.EOF };
        h.entries = await readdir(h.real);
        const names: ssh2.FileEntry[] = [];
        for (const name of h.entries) {
          const s = await stat(join(h.real, name)).catch(() => undefined);
          if (s !== undefined) names.push({ filename: name, longname: name, attrs: attrsOf(s) as ssh2.Attributes & ssh2.Stats });
        }
        return names.length === 0 ? { status: STATUS_CODE.EOF } : { names };
      });
    });
    sftp.on("REMOVE", (reqid, path) => serve("REMOVE", virtual(path), reqid, async () => (await unlink(real(path)), ok)));
    sftp.on("RMDIR", (reqid, path) => serve("RMDIR", virtual(path), reqid, async () => (await rmdir(real(path)), ok)));
    sftp.on("MKDIR", (reqid, path) => serve("MKDIR", virtual(path), reqid, async () => (await mkdir(real(path)), ok)));
    sftp.on("RENAME", (reqid, from, to) => {
      serve("RENAME", virtual(to), reqid, async () => {
        const target = await stat(real(to)).catch(() => undefined);
        // OpenSSH's sftp-server renames by link() + unlink(): an existing target fails with SSH_FX_FAILURE
        if (target !== undefined) return { status: STATUS_CODE.FAILURE, message: "Failure" };
        await rename(real(from), real(to));
        await stored(to);
        return ok;
      });
    });
    sftp.on("REALPATH", (reqid, path) =>
      serve("REALPATH", virtual(path), reqid, async () => ({
        names: [{ filename: virtual(path), longname: virtual(path), attrs: {} as ssh2.Attributes & ssh2.Stats }],
      })),
    );
  }

  const net = createServer((socket) => {
    sockets.set(socket.remotePort!, socket);
    socket.on("close", () => sockets.delete(socket.remotePort!));
    socket.on("error", () => undefined);
    socket.setNoDelay(true);
    server.injectSocket(socket);
  });
  await new Promise<void>((resolve) => net.listen(0, "127.0.0.1", resolve));
  const { port } = net.address() as AddressInfo;

  return {
    host: "127.0.0.1",
    port,
    root,
    username,
    hostKeyFingerprint: fingerprint,
    settings: (o = {}) => ({
      host: "127.0.0.1",
      port,
      username,
      hostKeys: [fingerprint],
      ...(o.auth === "privateKey" ? { privateKey: clientKey.private } : { password }),
    }),
    requests,
    connections: () => connections,
    loginAttempts: () => loginAttempts,
    setFaults: (schedule) => void (faults = schedule),
    setDelay: (ms) => void (delayMs = ms),
    refuseLogins: (r) => void (refuse = r),
    dropAfterWrittenBytes: (bytes) => void (dropAt = bytes === undefined ? undefined : written + bytes),
    files: async (dir = "") => (await walk(real(dir), root)).sort(),
    read: (path) => readFile(real(path)),
    secrets: () => [password, clientKey.private],
    async close() {
      for (const drop of hanging) drop();
      for (const socket of sockets.values()) socket.destroy();
      for (const client of clients) client.end();
      await new Promise<void>((resolve) => net.close(() => resolve()));
      if (ownRoot) await rm(root, { recursive: true, force: true });
    },
  };
}
