import { spawn } from "node:child_process";

/**
 * Runs a bench child (`node <nodeArgs> --import tsx <script> <args>`) and
 * returns the JSON of the last line it printed; a child that fails or prints
 * nothing rejects, naming `what`. `env` is added to this process's environment for the child.
 */
export function runJsonChild<T>(
  what: string,
  nodeArgs: readonly string[],
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").pop();
      if (code !== 0 || !last) reject(new Error(`the ${what} failed (exit ${code})`));
      else resolve(JSON.parse(last) as T);
    });
  });
}
