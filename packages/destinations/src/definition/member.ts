/** A value of a mapped field as sent to a destination. */
export type CellValue = string | number | boolean | string[] | null;

/** One member as the destination sees it: its abm-kit id and its mapped fields. */
export interface DestinationMember {
  /** The account or person id in the Snapshot. */
  readonly memberId: string;
  /** Mapped fields by target name. */
  readonly fields: Readonly<Record<string, CellValue>>;
}

/** The outcome for one member of a batch. */
export type MemberResult =
  | { readonly memberId: string; readonly ok: true }
  | {
      readonly memberId: string;
      readonly ok: false;
      /** Whether sending this member again may succeed. Only retryable members are re-sent. */
      readonly retryable: boolean;
      readonly code: string;
      readonly message: string;
    };
