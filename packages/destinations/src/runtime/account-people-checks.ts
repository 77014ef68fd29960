import type { Problem } from "@abm-kit/core";
import type { AudienceMembership } from "../definition/membership.js";
import type { AccountPeopleOption } from "./account-people-option.js";

/** The type of the members sent for a plan audience: its own, or `person` when an account audience goes as its people. */
export function sentType(people: AccountPeopleOption | undefined, membership: AudienceMembership): "account" | "person" {
  return people !== undefined ? "person" : membership.type;
}

/** What is wrong with a plan audience's `people` option given the memberships. */
export function accountPeopleProblems(
  people: AccountPeopleOption,
  membership: AudienceMembership,
  audiences: readonly AudienceMembership[],
  i: number,
): Problem[] {
  const problems: Problem[] = [];
  if (membership.type !== "account") {
    problems.push(
      problem(
        ["audiences", i, "people"],
        `option people sends an account audience as its accounts' people; ${membership.audienceId} is a ${membership.type} audience`,
      ),
    );
  }
  if (people.personAudienceId !== undefined) {
    const persons = audiences.find((a) => a.audienceId === people.personAudienceId);
    if (persons === undefined)
      problems.push(problem(["audiences", i, "people", "personAudienceId"], `no membership was given for person audience ${people.personAudienceId}`));
    else if (persons.type !== "person")
      problems.push(problem(["audiences", i, "people", "personAudienceId"], `${people.personAudienceId} is a ${persons.type} audience, not a person audience`));
  }
  return problems;
}

function problem(path: (string | number)[], message: string): Problem {
  return { path, message };
}
