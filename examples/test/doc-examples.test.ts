import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Every ```ts block in the guides (docs/**.md), the root README and each
 * package README is type-checked against the workspace's sources, so the
 * examples cannot rot; so is every TSDoc `@example` block in the packages. Each block is its own module. A block that is
 * deliberately a fragment is fenced as ```ts fragment and skipped. The names
 * the examples take as given (`snapshot`, `plan`, `now`, …) are declared, with
 * the real types, in examples/doc-examples/context.ts (outside
 * the typecheck's include list, so its globals reach only the examples).
 */

const root = fileURLToPath(new URL("../..", import.meta.url));

const markdownFiles = (): string[] => {
  const docs = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? (entry.name === "api" ? [] : docs(join(dir, entry.name))) : entry.name.endsWith(".md") ? [join(dir, entry.name)] : [],
    );
  const readmes = readdirSync(join(root, "packages"))
    .map((name) => join("packages", name, "README.md"))
    .filter((path) => existsSync(join(root, path)));
  return ["README.md", ...docs("docs"), ...readmes].sort();
};

interface Block {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

const fence = /^```(?:ts|typescript)([^\n]*)\n([\s\S]*?)^```/gm;

const blocksOf = (file: string): Block[] => {
  const text = readFileSync(join(root, file), "utf8");
  const blocks: Block[] = [];
  for (const match of text.matchAll(fence)) {
    const info = match[1] ?? "";
    if (/\bfragment\b/.test(info)) continue;
    const line = text.slice(0, match.index).split("\n").length + 1;
    blocks.push({ file, line, code: match[2] ?? "" });
  }
  return blocks;
};

const compilerOptions = (): ts.CompilerOptions => {
  const configPath = join(root, "tsconfig.base.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configPath);
  return { ...parsed.options, noEmit: true, declaration: false, sourceMap: false };
};

const tempRoot = join(root, "tmp");
mkdirSync(tempRoot, { recursive: true });
const dir = mkdtempSync(join(tempRoot, "doc-examples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** TSDoc `@example` blocks (```ts fenced, ` * ` prefixes) in every package's sources. */
const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
const exampleFence = /@example\s*\n\s*\*\s*```ts\n([\s\S]*?)\n\s*\*\s*```/g;
const examplesOf = (file: string): Block[] => {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(exampleFence)].map((match) => ({
    file,
    line: text.slice(0, match.index).split("\n").length + 2,
    code: (match[1] ?? "")
      .split("\n")
      .map((l) => l.replace(/^\s*\* ?/, ""))
      .join("\n"),
  }));
};
/** The packages whose `@example` blocks are checked. */
const tsdocPackages = ["core", "sources", "audience", "audience-sql", "guardrails", "destinations", "destination-linkedin", "destination-s3"];
const tsdocBlocks = tsdocPackages
  .flatMap((name) => sourceFiles(join("packages", name, "src")))
  .sort()
  .flatMap(examplesOf);

const blocks = [...markdownFiles().flatMap(blocksOf), ...tsdocBlocks];

/** One file name per block: where it comes from, readable in a failure. */
const fileNameOf = (block: Block): string => join(dir, `${block.file.replace(/[\\/]/g, "__").replace(/\.(md|ts)$/, "")}__L${block.line}.ts`);

describe("code examples in the docs and READMEs", () => {
  it("finds the examples", () => {
    expect(blocks.length).toBeGreaterThan(20);
    expect(tsdocBlocks.map((b) => b.file)).toEqual(
      expect.arrayContaining(["packages/audience/src/evaluate/evaluate.ts", "packages/sources/src/load-exports.ts"]),
    );
  });

  it("the pages a reader lands on first have an @example and a @category", () => {
    const landing: Record<string, string> = {
      SnapshotBuilder: "packages/core/src/snapshot/snapshot-builder.ts",
      toSnapshot: "packages/core/src/identity/to-snapshot.ts",
      loadExports: "packages/sources/src/load-exports.ts",
      evaluate: "packages/audience/src/evaluate/evaluate.ts",
      evaluateComposition: "packages/audience/src/composition/evaluate-composition.ts",
      compileAudience: "packages/audience/src/evaluate/compile.ts",
      activate: "packages/destinations/src/runtime/activate.ts",
      definePlan: "packages/destinations/src/runtime/define-plan.ts",
      defineDestination: "packages/destinations/src/definition/destination-definition.ts",
      validatePlan: "packages/guardrails/src/validate/validate-plan.ts",
    };
    const missing = Object.entries(landing).flatMap(([name, file]) => {
      const text = readFileSync(join(root, file), "utf8");
      const at = text.search(new RegExp(`export (async )?(function|class) ${name}\\b`));
      const doc = text.slice(text.lastIndexOf("/**", at), at);
      return [...(/@example\s*\n\s*\*\s*```ts/.test(doc) ? [] : [`${name}: no @example`]), ...(/@category \w/.test(doc) ? [] : [`${name}: no @category`])];
    });
    expect(missing).toEqual([]);
  });

  it("type-checks every ```ts block against the workspace sources", () => {
    const files = blocks.map((block) => {
      const path = fileNameOf(block);
      // `export {}` makes each block a module: its own scope, top-level await allowed.
      writeFileSync(path, `${block.code}\nexport {};\n`);
      return path;
    });
    const context = fileURLToPath(new URL("../doc-examples/context.ts", import.meta.url));
    const program = ts.createProgram([context, ...files], compilerOptions());
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && (d.file.fileName.startsWith(dir) || d.file.fileName === context));
    const report = diagnostics.map((d) => {
      const file = d.file!;
      const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const block = blocks[files.indexOf(file.fileName)];
      return block === undefined ? `${relative(root, file.fileName)}:${line + 1} ${message}` : `${block.file}:${block.line + line} ${message}`;
    });
    expect(report, `examples that do not compile (files in ${relative(root, dir)})`).toEqual([]);
  }, 180_000);
});
