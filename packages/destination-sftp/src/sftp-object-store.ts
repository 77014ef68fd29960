import { posix } from "node:path";
import { sha256Check, type AdapterContext, type ObjectStore } from "@abm-kit/destinations";
import type { Stats } from "ssh2";
import { isMissing, SFTP_STATUS, sftpStatusOf, toDeliveryError } from "./sftp-error.js";
import { openSftpSession, type SftpSession } from "./sftp-session.js";
import type { SftpSettings } from "./settings.js";

/** The name a file is uploaded under before it is renamed into place: hidden, beside its final name. */
export function partialPath(key: string): string {
  const dir = posix.dirname(key);
  const name = `.${posix.basename(key)}.abm-kit-part`;
  return dir === "." ? name : `${dir}/${name}`;
}

const isRegularFile = (stats: Stats) => (stats.mode & 0o170000) === 0o100000;

/**
 * An SFTP folder as an {@link ObjectStore}, over one SSH connection: a file
 * is written under a hidden temporary name beside its final one
 * (`.<name>.abm-kit-part`, several writes in flight) and renamed into place,
 * so a reader never sees half a file; a stored file is checked by its size
 * and by reading it back against the manifest's SHA-256 (`verify: "sha256"`).
 */
export async function sftpObjectStore(ctx: AdapterContext<SftpSettings>): Promise<ObjectStore> {
  const { settings } = ctx;
  const session: SftpSession = await openSftpSession(settings, ctx.signal);
  const { sftp } = session;
  const madeDirs = new Set<string>();

  const stat = (path: string) =>
    session.call<Stats | undefined>(`stat ${path}`, (done) =>
      sftp.stat(path, (error, stats) => (error && isMissing(error) ? done(undefined, undefined) : done(error, stats))),
    );
  const unlink = (path: string) =>
    session.call<void>(`remove ${path}`, (done) => sftp.unlink(path, (error) => done(error && isMissing(error) ? undefined : error)));

  /** Creates `dir` and its parents when missing. */
  async function makeDirs(dir: string): Promise<void> {
    if (dir === "." || dir === "" || dir === "/" || madeDirs.has(dir)) return;
    const existing = await stat(dir);
    if (existing === undefined) {
      await makeDirs(posix.dirname(dir));
      await session.call<void>(`mkdir ${dir}`, (done) =>
        sftp.mkdir(dir, (error) => {
          // another writer may have made it meanwhile: fine if it is there now
          if (error && sftpStatusOf(error) === SFTP_STATUS.FAILURE) return void stat(dir).then((s) => done(s === undefined ? error : undefined), done);
          done(error);
        }),
      );
    }
    madeDirs.add(dir);
  }

  /** Renames `from` to `to`, replacing `to` (POSIX rename when the server offers it, else remove then rename). */
  async function renameInto(from: string, to: string): Promise<void> {
    if (session.posixRename) {
      await session.call<void>(`rename ${to}`, (done) => sftp.ext_openssh_rename(from, to, (error) => done(error)));
      return;
    }
    // SFTP v3 RENAME fails when the target exists (OpenSSH's plain rename links, then unlinks)
    if ((await stat(to)) !== undefined) await unlink(to);
    await session.call<void>(`rename ${to}`, (done) => sftp.rename(from, to, (error) => done(error)));
  }

  return {
    async check(key, file) {
      const stats = await stat(key);
      if (stats === undefined) return undefined;
      if (!isRegularFile(stats)) return { ok: false, problem: `${key} is not a regular file` };
      if (stats.size !== file.bytes) return { ok: false, problem: `the file holds ${stats.size} bytes, the staged file ${file.bytes}` };
      if (settings.verify === "size") return { ok: true, by: "size" };
      return session.call(`read back ${key}`, (done) => {
        const stream = sftp.createReadStream(key);
        // the check reads the stream's errors; one raised after it gave up (the connection dropped) has nowhere else to go
        stream.on("error", () => undefined);
        // the handle is closed after the last byte: answer once that is done, so no request is left in flight
        const closed = new Promise<void>((resolve) => stream.once("close", () => resolve()));
        sha256Check(stream, file).then(
          (check) => void closed.then(() => done(undefined, check)),
          (error: Error) => {
            stream.destroy();
            done(error);
          },
        );
      });
    },
    async put(key, file) {
      await makeDirs(posix.dirname(key));
      const temporary = partialPath(key);
      await session.call<void>(`upload ${temporary}`, (done) =>
        sftp.fastPut(file.localPath, temporary, { concurrency: settings.concurrency, chunkSize: settings.chunkBytes }, (error) => done(error)),
      );
      await renameInto(temporary, key);
    },
    abortPartial: (key) => unlink(partialPath(key)),
    async list(folder) {
      const path = folder === "" ? "." : folder;
      const entries = await session.call<{ filename: string; attrs: Stats }[]>(`list ${path}`, (done) =>
        sftp.readdir(path, (error, list) => (error && isMissing(error) ? done(undefined, []) : done(error, list))),
      );
      return entries
        .filter((e) => isRegularFile(e.attrs))
        .map((e) => `${folder}${e.filename}`)
        .sort();
    },
    exists: async (key) => (await stat(key)) !== undefined,
    readText: (key) =>
      session.call<string | undefined>(`read ${key}`, (done) =>
        sftp.readFile(key, (error, data) => (error && isMissing(error) ? done(undefined, undefined) : done(error, data?.toString("utf8")))),
      ),
    async writeText(key, text) {
      await makeDirs(posix.dirname(key));
      await session.call<void>(`write ${key}`, (done) => sftp.writeFile(key, text, (error) => done(error)));
    },
    delete: (key) => unlink(key),
    toDeliveryError,
    close: async () => session.end(),
  };
}
