import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A temporary directory for one test file, removed after its tests; `write` puts a real file in it and returns its path. */
export function tempFiles(): { write(name: string, content: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), "abm-kit-sources-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return {
    write(name, content) {
      const sub = join(dir, String(n++));
      mkdirSync(sub);
      const path = join(sub, name);
      writeFileSync(path, content);
      return path;
    },
  };
}
