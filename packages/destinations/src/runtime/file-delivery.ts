import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseOrThrow, type FieldType } from "@abm-kit/core";
import type { StagedFile } from "../definition/destination-definition.js";
import type { MappingTarget, TargetType } from "../definition/mapping-target.js";
import type { CellValue } from "../definition/member.js";
import type { ExportColumn, ExportRow } from "../files/export-column.js";
import { FileExportOptionsSchema } from "../files/file-export-options.js";
import { fileChecksum } from "../files/file-checksum.js";
import { renderFileName, safeJoin } from "../files/file-name-template.js";
import type { ExportManifest } from "../files/manifest.js";
import { fileExtension, partName, writeSplitFiles } from "../files/split-file-writer.js";
import type { FieldMapping } from "../mapping/field-mapping.js";
import type { DeliveredMember } from "../state/activation-state.js";
import { memberFingerprint } from "./fingerprint.js";
import { deliveredRecord, holdMember, idsToAdd, removalMember, type AudienceJob, type RunContext } from "./run-context.js";

const ROWS_PER_CHUNK = 10_000;
const HASHING = new Set(["sha256Email", "sha512Email", "sha256", "join", "domain", "linkedinOrganizationUrn"]);

/** The type of a field of the accounts or persons table (see `DesiredMembers.fieldType`). */
type FieldTypeOf = (table: "account" | "person", field: string) => FieldType | undefined;

/** The type of an export column: the declared target's, else the source column's when no transform changes it, else string. */
function columnType(fieldType: FieldTypeOf, type: "account" | "person", m: FieldMapping, declared: MappingTarget | undefined): TargetType {
  if (declared !== undefined) return declared.type;
  if (m.value !== undefined) return typeof m.value === "number" ? "number" : typeof m.value === "boolean" ? "boolean" : "string";
  if (m.transforms.some((t) => HASHING.has(t)) || m.source === "id" || m.source === undefined) return "string";
  const [entity, ...rest] = m.source.split(".");
  const columnType = fieldType(entity === "account" || type === "account" ? "account" : "person", rest.join("."));
  if (columnType === "number") return "number";
  if (columnType === "boolean") return "boolean";
  if (columnType === "multi") return "strings";
  return "string";
}

/** The columns of an audience's export: `id`, each mapped target once, then `status` when exited rows are carried. */
export function exportColumns(job: AudienceJob, withStatus: boolean): ExportColumn[] {
  const declared = new Map(job.targets.map((t) => [t.name, t]));
  const columns: ExportColumn[] = [{ name: "id", type: "string" }];
  const seen = new Set(["id", "status"]);
  for (const m of job.mapping) {
    if (seen.has(m.target)) continue;
    seen.add(m.target);
    columns.push({ name: m.target, type: columnType((table, field) => job.desired.fieldType(table, field), job.target.type, m, declared.get(m.target)) });
  }
  if (withStatus) columns.push({ name: "status", type: "string" });
  return columns;
}

/**
 * Exports an audience as files: writes them (streamed, split, optionally
 * gzipped) to the staging folder with a manifest, delivers each file, then
 * records the new membership in state.
 */
export async function deliverFiles<Settings>(run: RunContext<Settings>, job: AudienceJob): Promise<void> {
  const { definition, settings, plan, caller } = run;
  const fileDelivery = definition.file!;
  const parsed = parseOrThrow(FileExportOptionsSchema, fileDelivery.options(settings), "file export options");
  const ceiling = run.limits.maxRowsPerFile;
  const options = ceiling !== undefined && ceiling < parsed.maxRowsPerFile ? { ...parsed, maxRowsPerFile: ceiling } : parsed;
  const extension = fileExtension(options);
  const baseName = renderFileName(
    options.fileNameTemplate,
    { destination: definition.id, audienceId: job.target.audienceId, audienceName: job.target.audienceName, now: run.now, mode: plan.mode },
    extension.length + 8,
  );
  const addIds = idsToAdd(job, plan.mode);
  const exitedIds = plan.mode === "incremental" && options.includeExited ? job.delta.exited : [];
  const withStatus = options.includeExited;
  const columns = exportColumns(job, withStatus);
  // a member is new (realized) when state does not hold it yet: state is only updated once the files are delivered
  const held = job.audienceState.members;

  if (run.dryRun) {
    const parts = Math.max(1, Math.ceil((addIds.length + exitedIds.length) / options.maxRowsPerFile));
    job.report.preview = {
      adds: await job.desired.map(addIds.slice(0, run.previewLimit)),
      removes: job.delta.exited.slice(0, run.previewLimit).map((id) => removalMember(job, id)),
      files: Array.from({ length: parts }, (_, i) => partName(baseName, i + 1, extension)),
    };
    return;
  }

  const rowsByStatus: Record<string, number> = { realized: 0, existing: 0, exited: 0 };
  const cellsOf = (fields: Readonly<Record<string, CellValue>>) => columns.slice(1, withStatus ? -1 : undefined).map((c) => fields[c.name] ?? null);
  // what state keeps of each member written, recorded once the destination holds the files (the members are mapped once):
  // record i is addIds[i]'s (`map` gives one member per id, in order)
  const writtenRecords: DeliveredMember[] = [];
  async function* chunks(): AsyncGenerator<ExportRow[]> {
    for (let i = 0; i < addIds.length; i += ROWS_PER_CHUNK) {
      const members = await job.desired.map(addIds.slice(i, i + ROWS_PER_CHUNK));
      yield members.map((member, j) => {
        // the id and fingerprint strings the run already holds are kept (not equal copies of them): one per member in state
        const id = addIds[i + j]!; // === member.memberId
        const status = Object.hasOwn(held, id) ? "existing" : "realized";
        rowsByStatus[status]!++;
        const fingerprint = memberFingerprint(member);
        const desired = job.desired.fingerprints.get(id);
        writtenRecords.push(deliveredRecord(job, member, desired === fingerprint ? desired : fingerprint, run.runNumber, run.redactor));
        const row: CellValue[] = [id, ...cellsOf(member.fields)];
        if (withStatus) row.push(status);
        return row;
      });
    }
    for (let i = 0; i < exitedIds.length; i += ROWS_PER_CHUNK) {
      yield exitedIds.slice(i, i + ROWS_PER_CHUNK).map((id) => {
        rowsByStatus.exited!++;
        return [id, ...cellsOf(removalMember(job, id).fields), "exited"];
      });
    }
  }

  const staging = fileDelivery.stagingDirectory(settings);
  await mkdir(staging, { recursive: true });
  const files = await writeSplitFiles(staging, baseName, columns, chunks(), options);
  const manifest: ExportManifest = {
    version: 1,
    destination: definition.id,
    audienceId: job.target.audienceId,
    audienceName: job.target.audienceName,
    mode: plan.mode,
    createdAt: run.now,
    format: options.format,
    compression: options.compression,
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
    files: files.map(({ name, rows, bytes, sha256 }) => ({ name, rows, bytes, sha256 })),
    totalRows: files.reduce((n, f) => n + f.rows, 0),
    rowsByStatus,
  };
  const manifestName = `${baseName}.manifest.json`;
  const manifestPath = safeJoin(staging, manifestName);
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + "\n", "utf8");
  const staged: StagedFile[] = files.map((f) => ({ name: f.name, localPath: f.path, rows: f.rows, bytes: f.bytes, sha256: f.sha256, kind: "data" }));
  staged.push({ name: manifestName, localPath: join(staging, manifestName), rows: 0, ...(await fileChecksum(manifestPath)), kind: "manifest" });

  const prepare = fileDelivery.prepare;
  if (prepare !== undefined) await caller.call("prepare file delivery", (ctx) => prepare(ctx, { audience: job.target, files: staged }));
  for (const file of staged) {
    await caller.call(`deliver ${file.kind} file`, (ctx) => fileDelivery.deliver(ctx, file));
    if (file.kind === "data")
      run.emit("file:written", { audienceId: job.target.audienceId, name: file.name, rows: file.rows, bytes: file.bytes, sha256: file.sha256 });
  }

  // The destination now holds the export: record it.
  const members = job.audienceState.members;
  if (plan.mode === "full") for (const id of Object.keys(members)) if (!job.desired.fingerprints.has(id)) delete members[id];
  for (const id of job.delta.exited) delete members[id];
  for (let i = 0; i < writtenRecords.length; i++) holdMember(job.audienceState, addIds[i]!, writtenRecords[i]!);
  job.report.exported += addIds.length;
  job.report.removed += job.delta.exited.length;
  job.report.manifest = manifest;
  job.held = Object.keys(members).length;
  await run.checkpoint(job.target.audienceId, job.held);
}
