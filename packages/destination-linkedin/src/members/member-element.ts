/** A LinkedIn `BATCH_CREATE` element, or why a member cannot become one (it is then not sent). */
export type BuiltElement =
  | { readonly ok: true; readonly element: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** `ADD` or `REMOVE` for the runtime's action. */
export function linkedInAction(action: "add" | "remove"): "ADD" | "REMOVE" {
  return action === "add" ? "ADD" : "REMOVE";
}
