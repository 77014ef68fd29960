import type { Audience, AudienceType } from "../definition/audience.js";
import type { Condition } from "../definition/condition.js";

/** Options of an audience builder. */
export interface AudienceOptions {
  /** Default 1. */
  readonly version?: number;
  readonly description?: string;
}

/** An audience waiting for its condition. */
export class AudienceBuilder {
  constructor(
    private readonly type: AudienceType,
    private readonly id: string,
    private readonly name: string,
    private readonly options: AudienceOptions,
  ) {}
  /** The audience with this condition (several conditions are and-ed). */
  where(...conditions: Condition[]): Audience {
    const condition: Condition = conditions.length === 1 ? conditions[0]! : { kind: "and", conditions };
    return {
      id: this.id,
      name: this.name,
      version: this.options.version ?? 1,
      type: this.type,
      ...(this.options.description !== undefined ? { description: this.options.description } : {}),
      condition,
    };
  }
}

/** Starts an audience definition: `audience.account("icp", "ICP").where(attr("industry").eq("Software"))`. */
export const audience = {
  /** An audience of accounts. */
  account: (id: string, name: string, options: AudienceOptions = {}) => new AudienceBuilder("account", id, name, options),
  /** An audience of persons. */
  person: (id: string, name: string, options: AudienceOptions = {}) => new AudienceBuilder("person", id, name, options),
};
