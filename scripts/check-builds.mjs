// Checks that every published package's build has what its `exports` map
// promises: an ES module, a CommonJS module and type declarations for each
// entry, and that both module forms load and expose the same names.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(import.meta.dirname, "..");
const problems = [];
let checked = 0;

for (const dir of readdirSync(join(root, "packages"))) {
  const pkgDir = join(root, "packages", dir);
  const manifestPath = join(pkgDir, "package.json");
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  if (manifest.private) continue;
  const require = createRequire(manifestPath);
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target === "string") continue;
    const files = [target.import.default, target.import.types, target.require.default, target.require.types];
    const missing = files.filter((file) => !existsSync(join(pkgDir, file)));
    for (const file of missing) problems.push(`${manifest.name}${subpath.slice(1)}: missing ${file}`);
    if (missing.length > 0) continue;
    const esm = await import(pathToFileURL(join(pkgDir, target.import.default)).href);
    const cjs = require(join(pkgDir, target.require.default));
    const esmNames = Object.keys(esm)
      .filter((n) => n !== "default")
      .sort();
    const cjsNames = Object.keys(cjs)
      .filter((n) => n !== "default" && n !== "__esModule")
      .sort();
    if (JSON.stringify(esmNames) !== JSON.stringify(cjsNames)) {
      problems.push(`${manifest.name}${subpath.slice(1)}: ESM and CJS builds export different names`);
    }
    checked++;
  }
  if (manifest.sideEffects !== false) problems.push(`${manifest.name}: sideEffects should be false`);
}

if (problems.length > 0) {
  console.error(`build check failed:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`build check: ${checked} package entries have ESM, CJS and type declarations`);
