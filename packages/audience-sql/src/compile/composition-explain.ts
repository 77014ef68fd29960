import type { CompositionInput } from "@abm-kit/audience";
import type { SqlParam } from "./params.js";
import { sqlComment } from "./comment.js";
import { compileCompositionSql, type CompileCompositionSqlOptions } from "./composition-sql.js";

function parameterLines(dialect: string, params: readonly SqlParam[]): string[] {
  return params.map((p, i) => {
    const placeholder = dialect === "bigquery" ? `@p${i + 1}` : dialect === "snowflake" || dialect === "spark" ? `? #${i + 1}` : `$${i + 1}`;
    return sqlComment(`${placeholder} ${p.type} = ${JSON.stringify(p.value)}`);
  });
}

/**
 * The SQL of a composition for review: each output's query (then its enrich
 * query, with `enrich`; the ranking query last, for a ranked composition),
 * each followed by its parameters with their types and values, separated by `;`.
 */
export function explainCompositionSql(composition: CompositionInput, options: CompileCompositionSqlOptions): string {
  const compiled = compileCompositionSql(composition, options);
  const blocks = compiled.outputs.flatMap((output) => [
    [
      output.sql,
      "",
      sqlComment("parameters:"),
      ...parameterLines(compiled.dialect, output.paramTypes),
      ...output.warnings.map((w) => sqlComment(`warning: ${w.message}`)),
    ].join("\n"),
    ...(output.enrich ? [[output.enrich.sql, "", sqlComment("parameters:"), ...parameterLines(compiled.dialect, output.enrich.paramTypes)].join("\n")] : []),
  ]);
  if (compiled.ranking)
    blocks.push([compiled.ranking.sql, "", sqlComment("parameters:"), ...parameterLines(compiled.dialect, compiled.ranking.paramTypes)].join("\n"));
  return blocks.join("\n\n;\n\n");
}
