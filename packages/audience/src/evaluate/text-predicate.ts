import { trimText, type AttributeCondition, type Literal } from "../definition/attribute.js";
import { compileRegex, regexPatternProblem } from "../definition/regex-pattern.js";

/** The literal operands of an attribute condition (`values`, or the one `value`). */
export function operandsOf(condition: AttributeCondition): Literal[] {
  return condition.values ?? (condition.value === undefined ? [] : [condition.value]);
}

/**
 * The test a text attribute condition applies to one present value, with its
 * case option built in; or why the condition cannot apply to text. Shared by
 * the batch and the streaming evaluators so they decide text alike.
 */
export function textPredicate(condition: AttributeCondition): { readonly matches: (text: string) => boolean } | { readonly error: string } {
  const texts: string[] = [];
  for (const literal of operandsOf(condition)) {
    if (typeof literal === "object") return { error: `${condition.op} needs text operands, not a time point` };
    texts.push(String(literal));
  }
  const trim = condition.trim === true;
  const lower = condition.caseInsensitive === true;
  const norm = (s: string) => {
    const t = trim ? trimText(s) : s;
    return lower ? t.toLowerCase() : t;
  };
  const wanted = texts.map(norm);
  const first = wanted[0] ?? "";
  let predicate: (s: string) => boolean;
  switch (condition.op) {
    case "eq":
      predicate = (s) => s === first;
      break;
    case "neq":
      predicate = (s) => s !== first;
      break;
    case "in": {
      const set = new Set(wanted);
      predicate = (s) => set.has(s);
      break;
    }
    case "notIn": {
      const set = new Set(wanted);
      predicate = (s) => !set.has(s);
      break;
    }
    case "contains":
      predicate = (s) => s.includes(first);
      break;
    case "startsWith":
      predicate = (s) => s.startsWith(first);
      break;
    case "endsWith":
      predicate = (s) => s.endsWith(first);
      break;
    case "matches": {
      const pattern = texts[0] ?? "";
      const problem = regexPatternProblem(pattern);
      if (problem !== undefined) return { error: problem };
      predicate = compileRegex(pattern, condition.caseInsensitive === true);
      break;
    }
    case "gt":
      predicate = (s) => s > first;
      break;
    case "gte":
      predicate = (s) => s >= first;
      break;
    case "lt":
      predicate = (s) => s < first;
      break;
    case "lte":
      predicate = (s) => s <= first;
      break;
    case "between": {
      const max = wanted[1] ?? "";
      predicate = (s) => s >= first && s <= max;
      break;
    }
    default:
      return { error: `${condition.op} does not apply` };
  }
  // every operator, matches included, sees the normalized value (trimmed, then lower-cased)
  return { matches: trim || lower ? (s) => predicate(norm(s)) : predicate };
}
