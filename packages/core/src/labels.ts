import { z } from "zod";

/**
 * A data-usage label: a short code (`C4`, `I1`, `S2`, or a custom one such as
 * `ACME_RESTRICTED`) attached to a field to say how its data may be used.
 * Governance policies (in `@abm-kit/guardrails`) deny label × marketing-action pairs.
 */
export const DataUsageLabelSchema = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, "a label is upper-case letters, digits and _ (1-64 chars), starting with a letter");
export type DataUsageLabel = z.infer<typeof DataUsageLabelSchema>;

/** The families of the built-in labels. */
export type LabelFamily = "contract" | "identity" | "sensitive" | "custom";

export interface LabelDescription {
  readonly label: DataUsageLabel;
  readonly family: LabelFamily;
  readonly title: string;
}

/**
 * The built-in labels, modelled on the contract / identity / sensitive label
 * families that CDPs use. Custom labels are any other valid label code.
 */
export const BUILT_IN_LABELS: readonly LabelDescription[] = [
  { label: "C1", family: "contract", title: "No export to a third party" },
  { label: "C2", family: "contract", title: "No export to a third party for advertising" },
  { label: "C3", family: "contract", title: "Not to be combined with directly identifiable data" },
  { label: "C4", family: "contract", title: "No onsite or cross-site advertising" },
  { label: "C5", family: "contract", title: "No interest-based cross-site advertising" },
  { label: "C6", family: "contract", title: "No onsite advertising" },
  { label: "C7", family: "contract", title: "No cross-site targeting with combined data" },
  { label: "C8", family: "contract", title: "No measurement" },
  { label: "C9", family: "contract", title: "No data science" },
  { label: "C10", family: "contract", title: "No identity stitching" },
  { label: "C11", family: "contract", title: "No matching against third-party segments" },
  { label: "C12", family: "contract", title: "No export of any kind" },
  { label: "I1", family: "identity", title: "Directly identifies a person" },
  { label: "I2", family: "identity", title: "Indirectly identifies a person" },
  { label: "S1", family: "sensitive", title: "Precise location" },
  { label: "S2", family: "sensitive", title: "Coarse location" },
  { label: "S3", family: "sensitive", title: "Special-category personal data" },
];

const byCode = new Map(BUILT_IN_LABELS.map((l) => [l.label, l]));

/** Describes a label: the built-in description, or a `custom` one for any other code. */
export function describeLabel(label: DataUsageLabel): LabelDescription {
  return byCode.get(label) ?? { label, family: "custom", title: "Custom label" };
}
