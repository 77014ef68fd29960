import type { Audience, Condition } from "@abm-kit/audience";

/** A leaf condition on an account or person field. */
export const leaf = (field = "industry", value = "Software"): Condition => ({ kind: "attribute", field, op: "eq", value });

/** An account audience around `condition`. */
export function accountAudience(condition: Condition, id = "acc"): Audience {
  return { id, name: `Audience ${id}`, version: 1, type: "account", condition };
}

/** A person audience around `condition`. */
export function personAudience(condition: Condition, id = "per"): Audience {
  return { id, name: `Audience ${id}`, version: 1, type: "person", condition };
}

/** `depth` nested `and` containers around a leaf. */
export function nested(depth: number): Condition {
  let condition = leaf();
  for (let i = 0; i < depth; i++) condition = { kind: "and", conditions: [condition] };
  return condition;
}

/** An `and` of `n` leaves. */
export function wide(n: number): Condition {
  return { kind: "and", conditions: Array.from({ length: n }, (_, i) => leaf("industry", `I${i}`)) };
}

/** `n` sibling "some person is a CMO" conditions under one `or` (each one entity switch, one level deep). */
export function switches(n: number, relation = "people"): Condition {
  return {
    kind: "or",
    conditions: Array.from({ length: n }, (_, i) => ({
      kind: "related",
      relation,
      quantifier: "some",
      where: leaf("title", `T${i}`),
    })),
  };
}

/** A chain of `levels` relation hops from an account (people → accounts → …) or a person (accounts → people → …). */
export function chain(levels: number, from: "account" | "person" = "account"): Condition {
  const relations = from === "account" ? ["people", "accounts"] : ["accounts", "people"];
  let condition: Condition = leaf("country", "US");
  for (let i = levels - 1; i >= 0; i--) {
    condition = { kind: "related", relation: relations[i % 2]!, quantifier: "some", where: condition };
  }
  return condition;
}

/** An `in` condition with `n` values. */
export function valueList(n: number): Condition {
  return { kind: "attribute", field: "country", op: "in", values: Array.from({ length: n }, (_, i) => `C${i}`) };
}

/** A person-event condition looking back `amount` `unit`. */
export function visits(amount: number, unit: "days" | "months" | "hours" = "days"): Condition {
  return { kind: "event", types: ["Visit Webpage"], window: { last: { amount, unit } } };
}
