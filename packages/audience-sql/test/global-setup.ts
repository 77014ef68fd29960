import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import type {} from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection settings of the throwaway PostgreSQL cluster. */
    postgres: { host: string; port: number; user: string; database: string };
  }
}

/**
 * On a fresh Debian-like machine where the tests run as root (CI), installs the
 * `postgresql` package so the second quick-start command works without a step
 * of its own. Elsewhere nothing is installed.
 */
function installPostgresIfPossible(): void {
  const hasAptGet = spawnSync("sh", ["-c", "command -v apt-get"], { encoding: "utf8" }).status === 0;
  if (process.getuid?.() !== 0 || !hasAptGet) return;
  console.log("audience-sql tests: PostgreSQL is missing; installing the Debian package postgresql");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
  // the package may start its default cluster; the tests need only the binaries
  spawnSync("service", ["postgresql", "stop"], { stdio: "ignore" });
}

/** The directory of PostgreSQL's server binaries (Debian layout), newest version first. */
function postgresBin(): string {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root) || readdirSync(root).every((v) => !existsSync(join(root, v, "bin", "initdb")))) installPostgresIfPossible();
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const version = versions[0];
  if (version === undefined) {
    throw new Error(
      "PostgreSQL is not installed: the audience-sql tests need initdb and pg_ctl under /usr/lib/postgresql/<version>/bin (Debian package `postgresql`).",
    );
  }
  return join(root, version, "bin");
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL cluster on loopback (initdb into a temp
 * folder, pg_ctl start) for the project's tests, and removes it afterwards.
 * initdb refuses to run as root, so as root the binaries run as `postgres`.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), "abm-kit-pg-"));
  const data = join(dir, "data");
  const socketDir = join(dir, "socket");
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? "postgres" : (process.env.USER ?? "postgres");
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
    const result = spawnSync(file, argv, { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  execFileSync("mkdir", ["-p", socketDir]);
  if (asRoot) {
    const ids = execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim();
    const gid = execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim();
    chownSync(dir, Number(ids), Number(gid));
    chownSync(socketDir, Number(ids), Number(gid));
  }
  run(join(bin, "initdb"), ["-D", data, "-U", user, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  writeFileSync(join(dir, "postgresql.log"), "");
  if (asRoot) chownSync(join(dir, "postgresql.log"), Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()), 0);
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${socketDir} -c fsync=off -c timezone=UTC`;
  run(join(bin, "pg_ctl"), ["-D", data, "-l", join(dir, "postgresql.log"), "-o", options, "-w", "-t", "60", "start"]);
  project.provide("postgres", { host: "127.0.0.1", port, user, database: "postgres" });
  return () => {
    try {
      run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
