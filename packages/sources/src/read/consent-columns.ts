import type { AttributeValue, ConsentState } from "@abm-kit/core";
import { z } from "zod";

/** A boolean column that states consent for a channel: `optOutWhen: true` for opt-out flags (HasOptedOutOfEmail). */
export interface ConsentColumn {
  readonly channel: string;
  readonly optOutWhen: boolean;
}

/** A {@link ConsentColumn}: a channel name and the boolean value that means opted out. */
export const ConsentColumnSchema: z.ZodType<ConsentColumn> = z.object({ channel: z.string().min(1), optOutWhen: z.boolean() });

/** Consent by channel from boolean columns: the opt-out value means `denied`, the other `granted`, blank nothing. */
export function consentFrom(
  columns: Readonly<Record<string, ConsentColumn>>,
  valueOf: (column: string) => AttributeValue | undefined,
): Record<string, ConsentState> | undefined {
  const consent: Record<string, ConsentState> = {};
  for (const [column, rule] of Object.entries(columns)) {
    const value = valueOf(column);
    if (typeof value !== "boolean") continue;
    const state: ConsentState = value === rule.optOutWhen ? "denied" : "granted";
    if (consent[rule.channel] !== "denied") consent[rule.channel] = state;
  }
  return Object.keys(consent).length > 0 ? consent : undefined;
}
