import type { AudienceInput } from "@abm-kit/audience";
import { compileAudienceSql, type CompileSqlOptions } from "./compile-audience-sql.js";
import { sqlComment } from "./comment.js";

/**
 * The SQL of an audience for review: the compiled query followed by a comment
 * block listing each parameter's placeholder, type and value.
 */
export function explainSql(audience: AudienceInput, options: CompileSqlOptions): string {
  const compiled = compileAudienceSql(audience, options);
  const lines = compiled.paramTypes.map((p, i) => {
    const placeholder =
      compiled.dialect === "bigquery" ? `@p${i + 1}` : compiled.dialect === "snowflake" || compiled.dialect === "spark" ? `? #${i + 1}` : `$${i + 1}`;
    return sqlComment(`${placeholder} ${p.type} = ${JSON.stringify(p.value)}`);
  });
  const warnings = compiled.warnings.map((w) => sqlComment(`warning: ${w.message}`));
  return [compiled.sql, "", sqlComment("parameters:"), ...lines, ...warnings].join("\n");
}
