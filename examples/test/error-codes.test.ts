import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIENCE_ERROR_CODES } from "@abm-kit/audience";
import { AUDIENCE_SQL_ERROR_CODES } from "@abm-kit/audience-sql";
import { CORE_ERROR_CODES } from "@abm-kit/core";
import { AZURE_BLOB_ERROR_CODES } from "@abm-kit/destination-azure-blob";
import { GCS_ERROR_CODES } from "@abm-kit/destination-gcs";
import { LINKEDIN_ERROR_CODES } from "@abm-kit/destination-linkedin";
import { MARKETO_ERROR_CODES } from "@abm-kit/destination-marketo";
import { S3_ERROR_CODES } from "@abm-kit/destination-s3";
import { SALESFORCE_ERROR_CODES } from "@abm-kit/destination-salesforce";
import { SFTP_ERROR_CODES } from "@abm-kit/destination-sftp";
import { DESTINATIONS_ERROR_CODES } from "@abm-kit/destinations";
import { GUARDRAILS_ERROR_CODES } from "@abm-kit/guardrails";
import { SOURCES_ERROR_CODES } from "@abm-kit/sources";
import { WAREHOUSE_ERROR_CODES } from "@abm-kit/warehouse";

/**
 * The error codes: each package's `as const` list is the single source of its
 * code type, of the table in docs/errors.md (rendered from the lists; run this
 * file with UPDATE_ERROR_DOCS=1 to rewrite it) and of what its sources raise
 * (every `new AbmKitError / RetryableError / TerminalError / StopRunError /
 * ActionRequiredError` with a literal code is typed by the package's code type,
 * and every code it names is listed).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const lists: readonly { pkg: string; type: string; codes: Readonly<Record<string, string>> }[] = [
  { pkg: "core", type: "CoreErrorCode", codes: CORE_ERROR_CODES },
  { pkg: "sources", type: "SourcesErrorCode", codes: SOURCES_ERROR_CODES },
  { pkg: "warehouse", type: "WarehouseErrorCode", codes: WAREHOUSE_ERROR_CODES },
  { pkg: "audience", type: "AudienceErrorCode", codes: AUDIENCE_ERROR_CODES },
  { pkg: "audience-sql", type: "AudienceSqlErrorCode", codes: AUDIENCE_SQL_ERROR_CODES },
  { pkg: "guardrails", type: "GuardrailsErrorCode", codes: GUARDRAILS_ERROR_CODES },
  { pkg: "destinations", type: "DestinationsErrorCode", codes: DESTINATIONS_ERROR_CODES },
  { pkg: "destination-linkedin", type: "LinkedInErrorCode", codes: LINKEDIN_ERROR_CODES },
  { pkg: "destination-s3", type: "S3ErrorCode", codes: S3_ERROR_CODES },
  { pkg: "destination-gcs", type: "GcsErrorCode", codes: GCS_ERROR_CODES },
  { pkg: "destination-sftp", type: "SftpErrorCode", codes: SFTP_ERROR_CODES },
  { pkg: "destination-azure-blob", type: "AzureBlobErrorCode", codes: AZURE_BLOB_ERROR_CODES },
  { pkg: "destination-marketo", type: "MarketoErrorCode", codes: MARKETO_ERROR_CODES },
  { pkg: "destination-salesforce", type: "SalesforceErrorCode", codes: SALESFORCE_ERROR_CODES },
];
/** Package folders with no error-code list of their own. */
const UNLISTED = new Set(["bench"]);

const START = "<!-- error-codes:start (rendered from the lists by examples/test/error-codes.test.ts) -->";
const END = "<!-- error-codes:end -->";
const renderTables = (): string =>
  lists
    .map(({ pkg, type, codes }) =>
      [
        `### @abm-kit/${pkg}`,
        "",
        `Type: \`${type}\`.`,
        "",
        "| code | meaning |",
        "|---|---|",
        ...Object.entries(codes).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`),
      ].join("\n"),
    )
    .join("\n\n");

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === "testing" ? [] : sourceFiles(join(dir, entry.name))) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
/** A listed code as a pattern: `<status>` is digits, any other placeholder any text. */
const codePattern = (code: string): RegExp => new RegExp(`^${code.replace(/<status>/g, "\\d+").replace(/<[^>]+>/g, ".+")}$`);

describe("error codes", () => {
  it("every package (but the unlisted) has a list, in src/error-codes.ts", () => {
    const folders = readdirSync(join(root, "packages"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !UNLISTED.has(entry.name))
      .map((entry) => entry.name);
    expect(lists.map((l) => l.pkg).sort()).toEqual(folders.sort());
    for (const pkg of folders) expect(existsSync(join(root, "packages", pkg, "src/error-codes.ts")), `packages/${pkg}/src/error-codes.ts`).toBe(true);
  });

  it("docs/errors.md holds the table rendered from every package's list", () => {
    const file = join(root, "docs/errors.md");
    const text = readFileSync(file, "utf8");
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, "docs/errors.md has the start marker").toBeGreaterThanOrEqual(0);
    const expected = `${text.slice(0, start + START.length)}\n\n${renderTables()}\n\n${text.slice(end)}`;
    if (process.env.UPDATE_ERROR_DOCS === "1") writeFileSync(file, expected);
    expect(text).toBe(expected);
  });

  it("every error a package raises with a literal code is typed by its code type, and the code is listed", () => {
    const problems: string[] = [];
    for (const { pkg, type, codes } of lists) {
      const patterns = Object.keys(codes).map(codePattern);
      for (const file of sourceFiles(join("packages", pkg, "src"))) {
        // doc comments hold examples of adapters' own codes: only code counts
        const text = readFileSync(join(root, file), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
        for (const m of text.matchAll(
          /new (AbmKitError|RetryableError|TerminalError|StopRunError|ActionRequiredError)(<(\w+)>)?\(\s*(status === 429 \? "RATE_LIMITED" : )?["`]([^"`]+)["`]/g,
        )) {
          const code = m[5]!.replace(/\$\{status\}/g, "0");
          if (m[3] !== type) problems.push(`${file}: new ${m[1]}("${m[5]}") is not typed by ${type}`);
          if (!patterns.some((p) => p.test(code))) problems.push(`${file}: ${m[5]} is not in the list of @abm-kit/${pkg}`);
        }
        // an error class of the package's own, raised with a literal code
        for (const m of text.matchAll(/new (\w+Error)\(\s*"([A-Z][A-Z0-9_]+)"/g)) {
          if (!patterns.some((p) => p.test(m[2]!))) problems.push(`${file}: new ${m[1]}("${m[2]}"): ${m[2]} is not in the list of @abm-kit/${pkg}`);
        }
        for (const m of text.matchAll(/super\(\s*"([A-Z][A-Z0-9_]+)"/g)) {
          if (!patterns.some((p) => p.test(m[1]!))) problems.push(`${file}: ${m[1]} is not in the list of @abm-kit/${pkg}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("every listed code is raised somewhere in its package", () => {
    const unused: string[] = [];
    for (const { pkg, codes } of lists) {
      const text = sourceFiles(join("packages", pkg, "src"))
        .filter((f) => !f.endsWith("error-codes.ts"))
        .map((f) => readFileSync(join(root, f), "utf8"))
        .join("\n");
      for (const code of Object.keys(codes)) {
        if (code.includes("<")) continue;
        const raised = text.includes(`"${code}"`) || (code === "VALIDATION_FAILED" && /new ValidationError\(|parseOrThrow\(/.test(text));
        if (!raised) unused.push(`${pkg}: ${code}`);
      }
    }
    expect(unused).toEqual([]);
  });
});
