-- composition icp-minus-suppression: Composition icp-minus-suppression (account, version 1)
-- output icp-minus-suppression, ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience software: software (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: attribute industry eq (case-insensitive)
    COALESCE((lower(t0."industry") = lower(CAST(? AS VARCHAR))), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t1.id AS id
  FROM "accounts" AS t1
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t1."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members.from: union of 2
union_3 AS (
  SELECT t2.id AS id
  FROM "accounts" AS t2
  WHERE (t2.id IN (SELECT id FROM audience_1) OR t2.id IN (SELECT id FROM audience_2))
),
-- audience customers: customers (account, version 1)
audience_4 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute type eq
    COALESCE((t3."type" = CAST(? AS VARCHAR)), FALSE)
),
-- audience late-stage: late-stage (account, version 1)
audience_5 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE
    -- condition: related opportunities some
    EXISTS (
      SELECT 1
      FROM "opportunities" AS t5
      WHERE t5._account_id = t4.id
        AND (
          -- condition.where: attribute stage in
          COALESCE((t5."stage" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
        )
    )
),
-- members: exclude 2 from
exclude_6 AS (
  SELECT t6.id AS id
  FROM "accounts" AS t6
  WHERE t6.id IN (SELECT id FROM union_3)
    AND t6.id NOT IN (SELECT id FROM audience_4)
    AND t6.id NOT IN (SELECT id FROM audience_5)
)
SELECT id FROM exclude_6
ORDER BY id

-- parameters:
-- ? #1 text = "Software"
-- ? #2 number = 50
-- ? #3 text = "Customer"
-- ? #4 text = "Proposal/Price Quote"
-- ? #5 text = "Negotiation/Review"

;

-- composition intersect-inline: Composition intersect-inline (account, version 1)
-- output intersect-inline, ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience big: big (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t0."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- inline audience not-fr: not-fr (account, version 1)
inline_2 AS (
  SELECT t1.id AS id
  FROM "accounts" AS t1
  WHERE
    -- condition: attribute country neq
    COALESCE((t1."country" <> CAST(? AS VARCHAR)), FALSE)
),
-- members: intersect of 2
intersect_3 AS (
  SELECT t2.id AS id
  FROM "accounts" AS t2
  WHERE (t2.id IN (SELECT id FROM audience_1) AND t2.id IN (SELECT id FROM inline_2))
)
SELECT id FROM intersect_3
ORDER BY id

-- parameters:
-- ? #1 number = 50
-- ? #2 text = "FR"

;

-- composition open-pipeline: Composition open-pipeline (account, version 1)
-- output open-pipeline, ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience customers: customers (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute type eq
    COALESCE((t3."type" = CAST(? AS VARCHAR)), FALSE)
),
-- members.input: exclude 1 from
exclude_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE t4.id IN (SELECT id FROM audience_1)
    AND t4.id NOT IN (SELECT id FROM audience_2)
),
-- members: rank by aggregate sum over opportunities, desc, missing last, ties by id
ranked_4 AS (
  SELECT id, _value, ROW_NUMBER() OVER (ORDER BY CASE WHEN _value IS NULL THEN 1 ELSE 0 END, _value DESC, id) AS _rank
  FROM (
    SELECT t5.id AS id, (
        SELECT CAST(COALESCE(SUM(t6."amount"), 0) AS DOUBLE)
        FROM "opportunities" AS t6
        WHERE t6._account_id = t5.id
          AND (
            -- members.by.where: attribute isClosed eq
            COALESCE((t6."isClosed" IN (CAST(? AS BOOLEAN))), FALSE)
          )
      ) AS _value
    FROM "accounts" AS t5
    WHERE t5.id IN (SELECT id FROM exclude_3)
  ) AS scored
),
-- members: the top 2
rank_5 AS (
  SELECT id FROM ranked_4 WHERE _rank <= CAST(? AS DOUBLE)
)
SELECT id FROM rank_5
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "Customer"
-- ? #17 boolean = false
-- ? #18 number = 2

;

-- composition open-pipeline: Composition open-pipeline (account, version 1)
-- ranking of the members: id, rank, value in rank order
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience customers: customers (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute type eq
    COALESCE((t3."type" = CAST(? AS VARCHAR)), FALSE)
),
-- members.input: exclude 1 from
exclude_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE t4.id IN (SELECT id FROM audience_1)
    AND t4.id NOT IN (SELECT id FROM audience_2)
),
-- members: rank by aggregate sum over opportunities, desc, missing last, ties by id
ranked_4 AS (
  SELECT id, _value, ROW_NUMBER() OVER (ORDER BY CASE WHEN _value IS NULL THEN 1 ELSE 0 END, _value DESC, id) AS _rank
  FROM (
    SELECT t5.id AS id, (
        SELECT CAST(COALESCE(SUM(t6."amount"), 0) AS DOUBLE)
        FROM "opportunities" AS t6
        WHERE t6._account_id = t5.id
          AND (
            -- members.by.where: attribute isClosed eq
            COALESCE((t6."isClosed" IN (CAST(? AS BOOLEAN))), FALSE)
          )
      ) AS _value
    FROM "accounts" AS t5
    WHERE t5.id IN (SELECT id FROM exclude_3)
  ) AS scored
)
SELECT id, _rank AS "rank", _value AS "value"
FROM ranked_4
WHERE _rank <= CAST(? AS DOUBLE)
ORDER BY _rank

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "Customer"
-- ? #17 boolean = false
-- ? #18 number = 2

;

-- composition primary-account-size: Composition primary-account-size (person, version 1)
-- output primary-account-size, ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience leaders: leaders (person, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "persons" AS t0
  WHERE
    -- condition: attribute title in
    COALESCE((t0."title" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
),
-- audience active-people: active-people (person, version 1)
audience_2 AS (
  SELECT t1.id AS id
  FROM "persons" AS t1
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "person_events" AS t2
      WHERE t2._owner_id = t1.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(MONTH, -6, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- members.input: union of 2
union_3 AS (
  SELECT t3.id AS id
  FROM "persons" AS t3
  WHERE (t3.id IN (SELECT id FROM audience_1) OR t3.id IN (SELECT id FROM audience_2))
),
-- members: rank by field employeeCount, desc, missing last, ties by id
ranked_4 AS (
  SELECT id, _value, ROW_NUMBER() OVER (ORDER BY CASE WHEN _value IS NULL THEN 1 ELSE 0 END, _value DESC, id) AS _rank
  FROM (
    SELECT t4.id AS id, (SELECT t5."employeeCount" FROM "accounts" AS t5 WHERE t5.id = COALESCE((SELECT MIN(t6._account_id) FROM "links" AS t6 JOIN "accounts" AS t6a ON t6a.id = t6._account_id WHERE t6._person_id = t4.id AND COALESCE(t6."isActive", TRUE) AND COALESCE(t6."isPrimary" = TRUE, FALSE)), (SELECT MIN(t6._account_id) FROM "links" AS t6 JOIN "accounts" AS t6a ON t6a.id = t6._account_id WHERE t6._person_id = t4.id AND COALESCE(t6."isActive", TRUE)))) AS _value
    FROM "persons" AS t4
    WHERE t4.id IN (SELECT id FROM union_3)
  ) AS scored
),
-- members: the top 5
rank_5 AS (
  SELECT id FROM ranked_4 WHERE _rank <= CAST(? AS DOUBLE)
)
SELECT id FROM rank_5
ORDER BY id

-- parameters:
-- ? #1 text = "CMO"
-- ? #2 text = "Chief Marketing Officer"
-- ? #3 text = "VP Marketing"
-- ? #4 text = "CIO"
-- ? #5 text = "Visit Webpage"
-- ? #6 text = "Fill Out Form"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 timestamp = "2026-03-31 12:00:00.000"
-- ? #9 timestamp = "2026-03-31 12:00:00.000"
-- ? #10 number = 1
-- ? #11 number = 5

;

-- composition primary-account-size: Composition primary-account-size (person, version 1)
-- ranking of the members: id, rank, value in rank order
-- dialect snowflake; members are the ids the query returns
WITH
-- audience leaders: leaders (person, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "persons" AS t0
  WHERE
    -- condition: attribute title in
    COALESCE((t0."title" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
),
-- audience active-people: active-people (person, version 1)
audience_2 AS (
  SELECT t1.id AS id
  FROM "persons" AS t1
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "person_events" AS t2
      WHERE t2._owner_id = t1.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(MONTH, -6, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- members.input: union of 2
union_3 AS (
  SELECT t3.id AS id
  FROM "persons" AS t3
  WHERE (t3.id IN (SELECT id FROM audience_1) OR t3.id IN (SELECT id FROM audience_2))
),
-- members: rank by field employeeCount, desc, missing last, ties by id
ranked_4 AS (
  SELECT id, _value, ROW_NUMBER() OVER (ORDER BY CASE WHEN _value IS NULL THEN 1 ELSE 0 END, _value DESC, id) AS _rank
  FROM (
    SELECT t4.id AS id, (SELECT t5."employeeCount" FROM "accounts" AS t5 WHERE t5.id = COALESCE((SELECT MIN(t6._account_id) FROM "links" AS t6 JOIN "accounts" AS t6a ON t6a.id = t6._account_id WHERE t6._person_id = t4.id AND COALESCE(t6."isActive", TRUE) AND COALESCE(t6."isPrimary" = TRUE, FALSE)), (SELECT MIN(t6._account_id) FROM "links" AS t6 JOIN "accounts" AS t6a ON t6a.id = t6._account_id WHERE t6._person_id = t4.id AND COALESCE(t6."isActive", TRUE)))) AS _value
    FROM "persons" AS t4
    WHERE t4.id IN (SELECT id FROM union_3)
  ) AS scored
)
SELECT id, _rank AS "rank", _value AS "value"
FROM ranked_4
WHERE _rank <= CAST(? AS DOUBLE)
ORDER BY _rank

-- parameters:
-- ? #1 text = "CMO"
-- ? #2 text = "Chief Marketing Officer"
-- ? #3 text = "VP Marketing"
-- ? #4 text = "CIO"
-- ? #5 text = "Visit Webpage"
-- ? #6 text = "Fill Out Form"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 timestamp = "2026-03-31 12:00:00.000"
-- ? #9 timestamp = "2026-03-31 12:00:00.000"
-- ? #10 number = 1
-- ? #11 number = 5

;

-- composition test-holdout: Composition test-holdout (account, version 1)
-- output holdout-test (percentage split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH RECURSIVE
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- composition test-holdout: 32-bit FNV-1a of (salt, member id) for the percentage split
hash_2 (id, hex, pos, h) AS (
  SELECT s.id AS id, s.hex AS hex, CAST(0 AS INTEGER) AS pos, CAST(CAST(? AS DOUBLE) AS BIGINT) AS h
  FROM (SELECT id, HEX_ENCODE(id) AS hex FROM audience_1) AS s
  UNION ALL
  SELECT r.id, r.hex, CAST(r.pos + 1 AS INTEGER), CAST(MOD(BITXOR(r.h, ((POSITION(SUBSTR(r.hex, 2 * r.pos + 1, 1), '0123456789ABCDEF') - 1) * 16 + (POSITION(SUBSTR(r.hex, 2 * r.pos + 2, 1), '0123456789ABCDEF') - 1))) * 16777619, 4294967296) AS BIGINT)
  FROM hash_2 AS r
  WHERE r.pos < LENGTH(r.hex) / 2
),
-- composition test-holdout: branch of each member (percentage split)
split_3 AS (
  SELECT id, CASE WHEN (CAST(h AS DOUBLE) / CAST(4294967296 AS DOUBLE)) * CAST(100 AS DOUBLE) < CAST(? AS DOUBLE) THEN 1 ELSE 2 END AS _branch
  FROM (
    SELECT id, h FROM hash_2 WHERE pos = LENGTH(hex) / 2
  ) AS hashed
),
-- composition test-holdout: output holdout-test
branch_4 AS (
  SELECT id FROM split_3 WHERE _branch = 1
)
SELECT id FROM branch_4
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 1159488910
-- ? #17 number = 70

;

-- composition test-holdout: Composition test-holdout (account, version 1)
-- output holdout-control (percentage split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH RECURSIVE
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- composition test-holdout: 32-bit FNV-1a of (salt, member id) for the percentage split
hash_2 (id, hex, pos, h) AS (
  SELECT s.id AS id, s.hex AS hex, CAST(0 AS INTEGER) AS pos, CAST(CAST(? AS DOUBLE) AS BIGINT) AS h
  FROM (SELECT id, HEX_ENCODE(id) AS hex FROM audience_1) AS s
  UNION ALL
  SELECT r.id, r.hex, CAST(r.pos + 1 AS INTEGER), CAST(MOD(BITXOR(r.h, ((POSITION(SUBSTR(r.hex, 2 * r.pos + 1, 1), '0123456789ABCDEF') - 1) * 16 + (POSITION(SUBSTR(r.hex, 2 * r.pos + 2, 1), '0123456789ABCDEF') - 1))) * 16777619, 4294967296) AS BIGINT)
  FROM hash_2 AS r
  WHERE r.pos < LENGTH(r.hex) / 2
),
-- composition test-holdout: branch of each member (percentage split)
split_3 AS (
  SELECT id, CASE WHEN (CAST(h AS DOUBLE) / CAST(4294967296 AS DOUBLE)) * CAST(100 AS DOUBLE) < CAST(? AS DOUBLE) THEN 1 ELSE 2 END AS _branch
  FROM (
    SELECT id, h FROM hash_2 WHERE pos = LENGTH(hex) / 2
  ) AS hashed
),
-- composition test-holdout: output holdout-control
branch_5 AS (
  SELECT id FROM split_3 WHERE _branch = 2
)
SELECT id FROM branch_5
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 1159488910
-- ? #17 number = 70

;

-- composition by-tags: Composition by-tags (account, version 1)
-- output tag-abm (attribute split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- composition by-tags: branch of each member (split by Tags__c)
split_2 AS (
  SELECT t3.id AS id, CASE WHEN COALESCE((ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c") OR ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c")), FALSE) THEN 1 WHEN COALESCE((ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c") OR ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c")), FALSE) THEN 2 ELSE 0 END AS _branch
  FROM "accounts" AS t3
  WHERE t3.id IN (SELECT id FROM audience_1)
),
-- composition by-tags: output tag-abm
branch_3 AS (
  SELECT id FROM split_2 WHERE _branch = 1
)
SELECT id FROM branch_3
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "ABM"
-- ? #17 text = "abm"
-- ? #18 text = "Tier 1"
-- ? #19 text = "Tier 2"

;

-- composition by-tags: Composition by-tags (account, version 1)
-- output tag-tier (attribute split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- composition by-tags: branch of each member (split by Tags__c)
split_2 AS (
  SELECT t3.id AS id, CASE WHEN COALESCE((ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c") OR ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c")), FALSE) THEN 1 WHEN COALESCE((ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c") OR ARRAY_CONTAINS(CAST(? AS VARCHAR)::VARIANT, t3."Tags__c")), FALSE) THEN 2 ELSE 0 END AS _branch
  FROM "accounts" AS t3
  WHERE t3.id IN (SELECT id FROM audience_1)
),
-- composition by-tags: output tag-tier
branch_4 AS (
  SELECT id FROM split_2 WHERE _branch = 2
)
SELECT id FROM branch_4
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "ABM"
-- ? #17 text = "abm"
-- ? #18 text = "Tier 1"
-- ? #19 text = "Tier 2"

;

-- composition by-renewal: Composition by-renewal (account, version 1)
-- output renew-mar (attribute split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t3."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- composition by-renewal: branch of each member (split by Renewal__c)
split_4 AS (
  SELECT t5.id AS id, CASE WHEN COALESCE((t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3))) OR t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3)))), FALSE) THEN 1 WHEN COALESCE((t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3)))), FALSE) THEN 2 ELSE 0 END AS _branch
  FROM "accounts" AS t5
  WHERE t5.id IN (SELECT id FROM union_3)
),
-- composition by-renewal: output renew-mar
branch_5 AS (
  SELECT id FROM split_4 WHERE _branch = 1
)
SELECT id FROM branch_5
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 50
-- ? #17 timestamp = "2026-03-31 00:00:00.000"
-- ? #18 timestamp = "2026-03-01 00:00:00.000"
-- ? #19 timestamp = "2025-12-31 00:00:00.000"

;

-- composition by-renewal: Composition by-renewal (account, version 1)
-- output renew-odd (attribute split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t3."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- composition by-renewal: branch of each member (split by Renewal__c)
split_4 AS (
  SELECT t5.id AS id, CASE WHEN COALESCE((t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3))) OR t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3)))), FALSE) THEN 1 WHEN COALESCE((t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3)))), FALSE) THEN 2 ELSE 0 END AS _branch
  FROM "accounts" AS t5
  WHERE t5.id IN (SELECT id FROM union_3)
),
-- composition by-renewal: output renew-odd
branch_6 AS (
  SELECT id FROM split_4 WHERE _branch = 2
)
SELECT id FROM branch_6
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 50
-- ? #17 timestamp = "2026-03-31 00:00:00.000"
-- ? #18 timestamp = "2026-03-01 00:00:00.000"
-- ? #19 timestamp = "2025-12-31 00:00:00.000"

;

-- composition by-renewal: Composition by-renewal (account, version 1)
-- output renew-other (attribute split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t3."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- composition by-renewal: branch of each member (split by Renewal__c)
split_4 AS (
  SELECT t5.id AS id, CASE WHEN COALESCE((t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3))) OR t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3)))), FALSE) THEN 1 WHEN COALESCE((t5."Renewal__c" = TO_DATE(CAST(? AS TIMESTAMP_NTZ(3)))), FALSE) THEN 2 ELSE 0 END AS _branch
  FROM "accounts" AS t5
  WHERE t5.id IN (SELECT id FROM union_3)
),
-- composition by-renewal: output renew-other
branch_7 AS (
  SELECT id FROM split_4 WHERE _branch = 0
)
SELECT id FROM branch_7
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 50
-- ? #17 timestamp = "2026-03-31 00:00:00.000"
-- ? #18 timestamp = "2026-03-01 00:00:00.000"
-- ? #19 timestamp = "2025-12-31 00:00:00.000"

;

-- composition engagement-tiers: Composition engagement-tiers (account, version 1)
-- output tier-high (priority split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience software: software (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute industry eq (case-insensitive)
    COALESCE((lower(t3."industry") = lower(CAST(? AS VARCHAR))), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- audience big: big (account, version 1)
audience_4 AS (
  SELECT t5.id AS id
  FROM "accounts" AS t5
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t5."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- audience late-stage: late-stage (account, version 1)
audience_5 AS (
  SELECT t6.id AS id
  FROM "accounts" AS t6
  WHERE
    -- condition: related opportunities some
    EXISTS (
      SELECT 1
      FROM "opportunities" AS t7
      WHERE t7._account_id = t6.id
        AND (
          -- condition.where: attribute stage in
          COALESCE((t7."stage" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
        )
    )
),
-- split.tiers[0].members: intersect of 2
intersect_6 AS (
  SELECT t8.id AS id
  FROM "accounts" AS t8
  WHERE (t8.id IN (SELECT id FROM audience_4) AND t8.id IN (SELECT id FROM audience_5))
),
-- inline audience us: us (account, version 1)
inline_7 AS (
  SELECT t9.id AS id
  FROM "accounts" AS t9
  WHERE
    -- condition: attribute country eq
    COALESCE((t9."country" = CAST(? AS VARCHAR)), FALSE)
),
-- composition engagement-tiers: tier of each member (priority list, first tier wins)
split_8 AS (
  SELECT t10.id AS id, CASE WHEN t10.id IN (SELECT id FROM intersect_6) THEN 1 WHEN t10.id IN (SELECT id FROM audience_4) THEN 2 WHEN t10.id IN (SELECT id FROM inline_7) THEN 3 ELSE 0 END AS _branch
  FROM "accounts" AS t10
  WHERE t10.id IN (SELECT id FROM union_3)
),
-- composition engagement-tiers: output tier-high
branch_9 AS (
  SELECT id FROM split_8 WHERE _branch = 1
)
SELECT id FROM branch_9
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "Software"
-- ? #17 number = 50
-- ? #18 text = "Proposal/Price Quote"
-- ? #19 text = "Negotiation/Review"
-- ? #20 text = "US"

;

-- composition engagement-tiers: Composition engagement-tiers (account, version 1)
-- output tier-medium (priority split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience software: software (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute industry eq (case-insensitive)
    COALESCE((lower(t3."industry") = lower(CAST(? AS VARCHAR))), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- audience big: big (account, version 1)
audience_4 AS (
  SELECT t5.id AS id
  FROM "accounts" AS t5
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t5."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- audience late-stage: late-stage (account, version 1)
audience_5 AS (
  SELECT t6.id AS id
  FROM "accounts" AS t6
  WHERE
    -- condition: related opportunities some
    EXISTS (
      SELECT 1
      FROM "opportunities" AS t7
      WHERE t7._account_id = t6.id
        AND (
          -- condition.where: attribute stage in
          COALESCE((t7."stage" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
        )
    )
),
-- split.tiers[0].members: intersect of 2
intersect_6 AS (
  SELECT t8.id AS id
  FROM "accounts" AS t8
  WHERE (t8.id IN (SELECT id FROM audience_4) AND t8.id IN (SELECT id FROM audience_5))
),
-- inline audience us: us (account, version 1)
inline_7 AS (
  SELECT t9.id AS id
  FROM "accounts" AS t9
  WHERE
    -- condition: attribute country eq
    COALESCE((t9."country" = CAST(? AS VARCHAR)), FALSE)
),
-- composition engagement-tiers: tier of each member (priority list, first tier wins)
split_8 AS (
  SELECT t10.id AS id, CASE WHEN t10.id IN (SELECT id FROM intersect_6) THEN 1 WHEN t10.id IN (SELECT id FROM audience_4) THEN 2 WHEN t10.id IN (SELECT id FROM inline_7) THEN 3 ELSE 0 END AS _branch
  FROM "accounts" AS t10
  WHERE t10.id IN (SELECT id FROM union_3)
),
-- composition engagement-tiers: output tier-medium
branch_10 AS (
  SELECT id FROM split_8 WHERE _branch = 2
)
SELECT id FROM branch_10
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "Software"
-- ? #17 number = 50
-- ? #18 text = "Proposal/Price Quote"
-- ? #19 text = "Negotiation/Review"
-- ? #20 text = "US"

;

-- composition engagement-tiers: Composition engagement-tiers (account, version 1)
-- output tier-inline (priority split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience software: software (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute industry eq (case-insensitive)
    COALESCE((lower(t3."industry") = lower(CAST(? AS VARCHAR))), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- audience big: big (account, version 1)
audience_4 AS (
  SELECT t5.id AS id
  FROM "accounts" AS t5
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t5."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- audience late-stage: late-stage (account, version 1)
audience_5 AS (
  SELECT t6.id AS id
  FROM "accounts" AS t6
  WHERE
    -- condition: related opportunities some
    EXISTS (
      SELECT 1
      FROM "opportunities" AS t7
      WHERE t7._account_id = t6.id
        AND (
          -- condition.where: attribute stage in
          COALESCE((t7."stage" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
        )
    )
),
-- split.tiers[0].members: intersect of 2
intersect_6 AS (
  SELECT t8.id AS id
  FROM "accounts" AS t8
  WHERE (t8.id IN (SELECT id FROM audience_4) AND t8.id IN (SELECT id FROM audience_5))
),
-- inline audience us: us (account, version 1)
inline_7 AS (
  SELECT t9.id AS id
  FROM "accounts" AS t9
  WHERE
    -- condition: attribute country eq
    COALESCE((t9."country" = CAST(? AS VARCHAR)), FALSE)
),
-- composition engagement-tiers: tier of each member (priority list, first tier wins)
split_8 AS (
  SELECT t10.id AS id, CASE WHEN t10.id IN (SELECT id FROM intersect_6) THEN 1 WHEN t10.id IN (SELECT id FROM audience_4) THEN 2 WHEN t10.id IN (SELECT id FROM inline_7) THEN 3 ELSE 0 END AS _branch
  FROM "accounts" AS t10
  WHERE t10.id IN (SELECT id FROM union_3)
),
-- composition engagement-tiers: output tier-inline
branch_11 AS (
  SELECT id FROM split_8 WHERE _branch = 3
)
SELECT id FROM branch_11
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "Software"
-- ? #17 number = 50
-- ? #18 text = "Proposal/Price Quote"
-- ? #19 text = "Negotiation/Review"
-- ? #20 text = "US"

;

-- composition engagement-tiers: Composition engagement-tiers (account, version 1)
-- output tier-low (priority split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience software: software (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute industry eq (case-insensitive)
    COALESCE((lower(t3."industry") = lower(CAST(? AS VARCHAR))), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- audience big: big (account, version 1)
audience_4 AS (
  SELECT t5.id AS id
  FROM "accounts" AS t5
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t5."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- audience late-stage: late-stage (account, version 1)
audience_5 AS (
  SELECT t6.id AS id
  FROM "accounts" AS t6
  WHERE
    -- condition: related opportunities some
    EXISTS (
      SELECT 1
      FROM "opportunities" AS t7
      WHERE t7._account_id = t6.id
        AND (
          -- condition.where: attribute stage in
          COALESCE((t7."stage" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
        )
    )
),
-- split.tiers[0].members: intersect of 2
intersect_6 AS (
  SELECT t8.id AS id
  FROM "accounts" AS t8
  WHERE (t8.id IN (SELECT id FROM audience_4) AND t8.id IN (SELECT id FROM audience_5))
),
-- inline audience us: us (account, version 1)
inline_7 AS (
  SELECT t9.id AS id
  FROM "accounts" AS t9
  WHERE
    -- condition: attribute country eq
    COALESCE((t9."country" = CAST(? AS VARCHAR)), FALSE)
),
-- composition engagement-tiers: tier of each member (priority list, first tier wins)
split_8 AS (
  SELECT t10.id AS id, CASE WHEN t10.id IN (SELECT id FROM intersect_6) THEN 1 WHEN t10.id IN (SELECT id FROM audience_4) THEN 2 WHEN t10.id IN (SELECT id FROM inline_7) THEN 3 ELSE 0 END AS _branch
  FROM "accounts" AS t10
  WHERE t10.id IN (SELECT id FROM union_3)
),
-- composition engagement-tiers: output tier-low
branch_12 AS (
  SELECT id FROM split_8 WHERE _branch = 0
)
SELECT id FROM branch_12
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "Software"
-- ? #17 number = 50
-- ? #18 text = "Proposal/Price Quote"
-- ? #19 text = "Negotiation/Review"
-- ? #20 text = "US"

;

-- composition of-compositions: Composition of-compositions (account, version 1)
-- output of-compositions, ordered by id
-- dialect snowflake; members are the ids the query returns
WITH RECURSIVE
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience software: software (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute industry eq (case-insensitive)
    COALESCE((lower(t3."industry") = lower(CAST(? AS VARCHAR))), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- audience big: big (account, version 1)
audience_4 AS (
  SELECT t5.id AS id
  FROM "accounts" AS t5
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t5."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- audience late-stage: late-stage (account, version 1)
audience_5 AS (
  SELECT t6.id AS id
  FROM "accounts" AS t6
  WHERE
    -- condition: related opportunities some
    EXISTS (
      SELECT 1
      FROM "opportunities" AS t7
      WHERE t7._account_id = t6.id
        AND (
          -- condition.where: attribute stage in
          COALESCE((t7."stage" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
        )
    )
),
-- split.tiers[0].members: intersect of 2
intersect_6 AS (
  SELECT t8.id AS id
  FROM "accounts" AS t8
  WHERE (t8.id IN (SELECT id FROM audience_4) AND t8.id IN (SELECT id FROM audience_5))
),
-- inline audience us: us (account, version 1)
inline_7 AS (
  SELECT t9.id AS id
  FROM "accounts" AS t9
  WHERE
    -- condition: attribute country eq
    COALESCE((t9."country" = CAST(? AS VARCHAR)), FALSE)
),
-- composition engagement-tiers: tier of each member (priority list, first tier wins)
split_8 AS (
  SELECT t10.id AS id, CASE WHEN t10.id IN (SELECT id FROM intersect_6) THEN 1 WHEN t10.id IN (SELECT id FROM audience_4) THEN 2 WHEN t10.id IN (SELECT id FROM inline_7) THEN 3 ELSE 0 END AS _branch
  FROM "accounts" AS t10
  WHERE t10.id IN (SELECT id FROM union_3)
),
-- composition engagement-tiers: output tier-high
branch_9 AS (
  SELECT id FROM split_8 WHERE _branch = 1
),
-- composition test-holdout: 32-bit FNV-1a of (salt, member id) for the percentage split
hash_13 (id, hex, pos, h) AS (
  SELECT s.id AS id, s.hex AS hex, CAST(0 AS INTEGER) AS pos, CAST(CAST(? AS DOUBLE) AS BIGINT) AS h
  FROM (SELECT id, HEX_ENCODE(id) AS hex FROM audience_1) AS s
  UNION ALL
  SELECT r.id, r.hex, CAST(r.pos + 1 AS INTEGER), CAST(MOD(BITXOR(r.h, ((POSITION(SUBSTR(r.hex, 2 * r.pos + 1, 1), '0123456789ABCDEF') - 1) * 16 + (POSITION(SUBSTR(r.hex, 2 * r.pos + 2, 1), '0123456789ABCDEF') - 1))) * 16777619, 4294967296) AS BIGINT)
  FROM hash_13 AS r
  WHERE r.pos < LENGTH(r.hex) / 2
),
-- composition test-holdout: branch of each member (percentage split)
split_14 AS (
  SELECT id, CASE WHEN (CAST(h AS DOUBLE) / CAST(4294967296 AS DOUBLE)) * CAST(100 AS DOUBLE) < CAST(? AS DOUBLE) THEN 1 ELSE 2 END AS _branch
  FROM (
    SELECT id, h FROM hash_13 WHERE pos = LENGTH(hex) / 2
  ) AS hashed
),
-- composition test-holdout: output holdout-control
branch_16 AS (
  SELECT id FROM split_14 WHERE _branch = 2
),
-- members.from: union of 2
union_17 AS (
  SELECT t11.id AS id
  FROM "accounts" AS t11
  WHERE (t11.id IN (SELECT id FROM audience_2) OR t11.id IN (SELECT id FROM audience_4))
),
-- audience customers: customers (account, version 1)
audience_18 AS (
  SELECT t12.id AS id
  FROM "accounts" AS t12
  WHERE
    -- condition: attribute type eq
    COALESCE((t12."type" = CAST(? AS VARCHAR)), FALSE)
),
-- members: exclude 2 from
exclude_19 AS (
  SELECT t13.id AS id
  FROM "accounts" AS t13
  WHERE t13.id IN (SELECT id FROM union_17)
    AND t13.id NOT IN (SELECT id FROM audience_18)
    AND t13.id NOT IN (SELECT id FROM audience_5)
),
-- members: union of 2
union_20 AS (
  SELECT t14.id AS id
  FROM "accounts" AS t14
  WHERE (t14.id IN (SELECT id FROM audience_1) OR t14.id IN (SELECT id FROM audience_4))
),
-- composition by-industry: branch of each member (split by industry)
split_21 AS (
  SELECT t15.id AS id, CASE WHEN COALESCE((t15."industry" = CAST(? AS VARCHAR) OR t15."industry" = CAST(? AS VARCHAR)), FALSE) THEN 1 WHEN COALESCE((t15."industry" = CAST(? AS VARCHAR) OR t15."industry" = CAST(? AS VARCHAR)), FALSE) THEN 2 WHEN COALESCE((t15."industry" = CAST(? AS VARCHAR)), FALSE) THEN 3 ELSE 0 END AS _branch
  FROM "accounts" AS t15
  WHERE t15.id IN (SELECT id FROM union_20)
),
-- composition by-industry: output ind-software
branch_22 AS (
  SELECT id FROM split_21 WHERE _branch = 1
),
-- members.inputs[2]: exclude 1 from
exclude_26 AS (
  SELECT t16.id AS id
  FROM "accounts" AS t16
  WHERE t16.id IN (SELECT id FROM exclude_19)
    AND t16.id NOT IN (SELECT id FROM branch_22)
),
-- members: union of 3
union_27 AS (
  SELECT t17.id AS id
  FROM "accounts" AS t17
  WHERE (t17.id IN (SELECT id FROM branch_9) OR t17.id IN (SELECT id FROM branch_16) OR t17.id IN (SELECT id FROM exclude_26))
)
SELECT id FROM union_27
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 text = "Software"
-- ? #17 number = 50
-- ? #18 text = "Proposal/Price Quote"
-- ? #19 text = "Negotiation/Review"
-- ? #20 text = "US"
-- ? #21 number = 1159488910
-- ? #22 number = 70
-- ? #23 text = "Customer"
-- ? #24 text = "Software"
-- ? #25 text = "software"
-- ? #26 text = "Financial Services"
-- ? #27 text = "Healthcare"
-- ? #28 text = "Software"

;

-- composition enriched-accounts: Composition enriched-accounts (account, version 1)
-- output enriched-us (attribute split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t3."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- composition enriched-accounts: branch of each member (split by country)
split_4 AS (
  SELECT t5.id AS id, CASE WHEN COALESCE((t5."country" = CAST(? AS VARCHAR)), FALSE) THEN 1 ELSE 0 END AS _branch
  FROM "accounts" AS t5
  WHERE t5.id IN (SELECT id FROM union_3)
),
-- composition enriched-accounts: output enriched-us
branch_5 AS (
  SELECT id FROM split_4 WHERE _branch = 1
)
SELECT id FROM branch_5
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 50
-- ? #17 text = "US"

;

-- composition enriched-accounts: Composition enriched-accounts (account, version 1)
-- enrich of output enriched-us: id and 14 attribute(s), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t3."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- composition enriched-accounts: branch of each member (split by country)
split_4 AS (
  SELECT t5.id AS id, CASE WHEN COALESCE((t5."country" = CAST(? AS VARCHAR)), FALSE) THEN 1 ELSE 0 END AS _branch
  FROM "accounts" AS t5
  WHERE t5.id IN (SELECT id FROM union_3)
),
-- composition enriched-accounts: output enriched-us
branch_5 AS (
  SELECT id FROM split_4 WHERE _branch = 1
)
SELECT t6.id AS id,
  t6."name" AS "company",
  t6.id AS "accountId",
  t6."employeeCount" AS "employees",
  t6."Strategic__c" AS "strategic",
  t6."Tags__c" AS "tags",
  TO_CHAR(t6."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"') AS "created",
  CAST(t6."Renewal__c" AS VARCHAR) AS "renewal",
  (
    SELECT CAST(COALESCE(SUM(t7."amount"), 0) AS DOUBLE)
    FROM "opportunities" AS t7
    WHERE t7._account_id = t6.id
      AND (
        -- enrich[7].value.where: attribute isClosed eq
        COALESCE((t7."isClosed" IN (CAST(? AS BOOLEAN))), FALSE)
      )
  ) AS "open pipeline",
  (
    SELECT CAST(AVG(t8."amount") AS DOUBLE)
    FROM "opportunities" AS t8
    WHERE t8._account_id = t6.id
      AND TRUE
  ) AS "avgAmount",
  CAST((
    SELECT MIN(t9."closeDate")
    FROM "opportunities" AS t9
    WHERE t9._account_id = t6.id
      AND TRUE
  ) AS VARCHAR) AS "firstClose",
  TO_CHAR((
    SELECT MAX(t10."createdAt")
    FROM "persons" AS t10 JOIN "links" AS t10l ON t10l._person_id = t10.id
    WHERE t10l._account_id = t6.id AND COALESCE(t10l."isActive", TRUE)
      AND TRUE
  ), 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"') AS "newestPerson",
  CAST((
    SELECT COUNT(*)
    FROM "persons" AS t11 JOIN "links" AS t11l ON t11l._person_id = t11.id
    WHERE t11l._account_id = t6.id AND COALESCE(t11l."isActive", TRUE)
      AND TRUE
  ) AS DOUBLE) AS "people",
  CAST((SELECT COUNT(DISTINCT v) FROM (
    SELECT f.value::VARCHAR AS v FROM "related_ownedProducts" AS t12 JOIN "related_ownedProducts_owners" AS t12o ON t12o._row = t12._row, LATERAL FLATTEN(input => t12."modules") AS f WHERE t12o._owner_id = t6.id AND TRUE
  ) AS elements) AS DOUBLE) AS "modules",
  CAST((
    SELECT COUNT(DISTINCT t13._owner_id)
    FROM "links" AS t13l JOIN "person_events" AS t13 ON t13._owner_id = t13l._person_id
    WHERE t13l._account_id = t6.id AND COALESCE(t13l."isActive", TRUE)
      AND t13."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))
        AND t13."occurredAt" >= DATEADD(MONTH, -6, CAST(? AS TIMESTAMP_NTZ(3)))
        AND t13."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
        AND t13."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
  ) AS DOUBLE) AS "engagedPeople"
FROM "accounts" AS t6
WHERE t6.id IN (SELECT id FROM branch_5)
ORDER BY t6.id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 50
-- ? #17 text = "US"
-- ? #18 boolean = false
-- ? #19 text = "Visit Webpage"
-- ? #20 text = "Fill Out Form"
-- ? #21 timestamp = "2026-03-31 12:00:00.000"
-- ? #22 timestamp = "2026-03-31 12:00:00.000"
-- ? #23 timestamp = "2026-03-31 12:00:00.000"

;

-- composition enriched-accounts: Composition enriched-accounts (account, version 1)
-- output enriched-rest (attribute split), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t3."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- composition enriched-accounts: branch of each member (split by country)
split_4 AS (
  SELECT t5.id AS id, CASE WHEN COALESCE((t5."country" = CAST(? AS VARCHAR)), FALSE) THEN 1 ELSE 0 END AS _branch
  FROM "accounts" AS t5
  WHERE t5.id IN (SELECT id FROM union_3)
),
-- composition enriched-accounts: output enriched-rest
branch_6 AS (
  SELECT id FROM split_4 WHERE _branch = 0
)
SELECT id FROM branch_6
ORDER BY id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 50
-- ? #17 text = "US"

;

-- composition enriched-accounts: Composition enriched-accounts (account, version 1)
-- enrich of output enriched-rest: id and 14 attribute(s), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience engaged: engaged (account, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "accounts" AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "links" AS t1l JOIN "person_events" AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l."isActive", TRUE)
        AND t1."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t1."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t1."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) + (
      SELECT COUNT(*)
      FROM "account_events" AS t2
      WHERE t2._owner_id = t0.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(DAY, -90, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- audience big: big (account, version 1)
audience_2 AS (
  SELECT t3.id AS id
  FROM "accounts" AS t3
  WHERE
    -- condition: attribute employeeCount gte
    COALESCE((t3."employeeCount" >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t4.id AS id
  FROM "accounts" AS t4
  WHERE (t4.id IN (SELECT id FROM audience_1) OR t4.id IN (SELECT id FROM audience_2))
),
-- composition enriched-accounts: branch of each member (split by country)
split_4 AS (
  SELECT t5.id AS id, CASE WHEN COALESCE((t5."country" = CAST(? AS VARCHAR)), FALSE) THEN 1 ELSE 0 END AS _branch
  FROM "accounts" AS t5
  WHERE t5.id IN (SELECT id FROM union_3)
),
-- composition enriched-accounts: output enriched-rest
branch_6 AS (
  SELECT id FROM split_4 WHERE _branch = 0
)
SELECT t14.id AS id,
  t14."name" AS "company",
  t14.id AS "accountId",
  t14."employeeCount" AS "employees",
  t14."Strategic__c" AS "strategic",
  t14."Tags__c" AS "tags",
  TO_CHAR(t14."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"') AS "created",
  CAST(t14."Renewal__c" AS VARCHAR) AS "renewal",
  (
    SELECT CAST(COALESCE(SUM(t15."amount"), 0) AS DOUBLE)
    FROM "opportunities" AS t15
    WHERE t15._account_id = t14.id
      AND (
        -- enrich[7].value.where: attribute isClosed eq
        COALESCE((t15."isClosed" IN (CAST(? AS BOOLEAN))), FALSE)
      )
  ) AS "open pipeline",
  (
    SELECT CAST(AVG(t16."amount") AS DOUBLE)
    FROM "opportunities" AS t16
    WHERE t16._account_id = t14.id
      AND TRUE
  ) AS "avgAmount",
  CAST((
    SELECT MIN(t17."closeDate")
    FROM "opportunities" AS t17
    WHERE t17._account_id = t14.id
      AND TRUE
  ) AS VARCHAR) AS "firstClose",
  TO_CHAR((
    SELECT MAX(t18."createdAt")
    FROM "persons" AS t18 JOIN "links" AS t18l ON t18l._person_id = t18.id
    WHERE t18l._account_id = t14.id AND COALESCE(t18l."isActive", TRUE)
      AND TRUE
  ), 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"') AS "newestPerson",
  CAST((
    SELECT COUNT(*)
    FROM "persons" AS t19 JOIN "links" AS t19l ON t19l._person_id = t19.id
    WHERE t19l._account_id = t14.id AND COALESCE(t19l."isActive", TRUE)
      AND TRUE
  ) AS DOUBLE) AS "people",
  CAST((SELECT COUNT(DISTINCT v) FROM (
    SELECT f.value::VARCHAR AS v FROM "related_ownedProducts" AS t20 JOIN "related_ownedProducts_owners" AS t20o ON t20o._row = t20._row, LATERAL FLATTEN(input => t20."modules") AS f WHERE t20o._owner_id = t14.id AND TRUE
  ) AS elements) AS DOUBLE) AS "modules",
  CAST((
    SELECT COUNT(DISTINCT t21._owner_id)
    FROM "links" AS t21l JOIN "person_events" AS t21 ON t21._owner_id = t21l._person_id
    WHERE t21l._account_id = t14.id AND COALESCE(t21l."isActive", TRUE)
      AND t21."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))
        AND t21."occurredAt" >= DATEADD(MONTH, -6, CAST(? AS TIMESTAMP_NTZ(3)))
        AND t21."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
        AND t21."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
  ) AS DOUBLE) AS "engagedPeople"
FROM "accounts" AS t14
WHERE t14.id IN (SELECT id FROM branch_6)
ORDER BY t14.id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Intent Surge"
-- ? #4 text = "Open Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 text = "Visit Webpage"
-- ? #9 text = "Fill Out Form"
-- ? #10 text = "Intent Surge"
-- ? #11 text = "Open Email"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 number = 1
-- ? #16 number = 50
-- ? #17 text = "US"
-- ? #18 boolean = false
-- ? #19 text = "Visit Webpage"
-- ? #20 text = "Fill Out Form"
-- ? #21 timestamp = "2026-03-31 12:00:00.000"
-- ? #22 timestamp = "2026-03-31 12:00:00.000"
-- ? #23 timestamp = "2026-03-31 12:00:00.000"

;

-- composition enriched-people: Composition enriched-people (person, version 1)
-- output enriched-people, ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience leaders: leaders (person, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "persons" AS t0
  WHERE
    -- condition: attribute title in
    COALESCE((t0."title" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
),
-- audience active-people: active-people (person, version 1)
audience_2 AS (
  SELECT t1.id AS id
  FROM "persons" AS t1
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "person_events" AS t2
      WHERE t2._owner_id = t1.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(MONTH, -6, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t3.id AS id
  FROM "persons" AS t3
  WHERE (t3.id IN (SELECT id FROM audience_1) OR t3.id IN (SELECT id FROM audience_2))
)
SELECT id FROM union_3
ORDER BY id

-- parameters:
-- ? #1 text = "CMO"
-- ? #2 text = "Chief Marketing Officer"
-- ? #3 text = "VP Marketing"
-- ? #4 text = "CIO"
-- ? #5 text = "Visit Webpage"
-- ? #6 text = "Fill Out Form"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 timestamp = "2026-03-31 12:00:00.000"
-- ? #9 timestamp = "2026-03-31 12:00:00.000"
-- ? #10 number = 1

;

-- composition enriched-people: Composition enriched-people (person, version 1)
-- enrich of output enriched-people: id and 8 attribute(s), ordered by id
-- dialect snowflake; members are the ids the query returns
WITH
-- audience leaders: leaders (person, version 1)
audience_1 AS (
  SELECT t0.id AS id
  FROM "persons" AS t0
  WHERE
    -- condition: attribute title in
    COALESCE((t0."title" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))), FALSE)
),
-- audience active-people: active-people (person, version 1)
audience_2 AS (
  SELECT t1.id AS id
  FROM "persons" AS t1
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM "person_events" AS t2
      WHERE t2._owner_id = t1.id
        AND t2."type" IN (CAST(? AS VARCHAR), CAST(? AS VARCHAR))
          AND t2."occurredAt" >= DATEADD(MONTH, -6, CAST(? AS TIMESTAMP_NTZ(3)))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
          AND t2."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
    ) >= CAST(? AS DOUBLE)), FALSE)
),
-- members: union of 2
union_3 AS (
  SELECT t3.id AS id
  FROM "persons" AS t3
  WHERE (t3.id IN (SELECT id FROM audience_1) OR t3.id IN (SELECT id FROM audience_2))
)
SELECT t4.id AS id,
  t4."title" AS "title",
  t4."Interests__c" AS "interests",
  t4."consent.email" AS "consent",
  (SELECT t5."name" FROM "accounts" AS t5 WHERE t5.id = COALESCE((SELECT MIN(t6._account_id) FROM "links" AS t6 JOIN "accounts" AS t6a ON t6a.id = t6._account_id WHERE t6._person_id = t4.id AND COALESCE(t6."isActive", TRUE) AND COALESCE(t6."isPrimary" = TRUE, FALSE)), (SELECT MIN(t6._account_id) FROM "links" AS t6 JOIN "accounts" AS t6a ON t6a.id = t6._account_id WHERE t6._person_id = t4.id AND COALESCE(t6."isActive", TRUE)))) AS "company",
  (SELECT t7.id FROM "accounts" AS t7 WHERE t7.id = COALESCE((SELECT MIN(t8._account_id) FROM "links" AS t8 JOIN "accounts" AS t8a ON t8a.id = t8._account_id WHERE t8._person_id = t4.id AND COALESCE(t8."isActive", TRUE) AND COALESCE(t8."isPrimary" = TRUE, FALSE)), (SELECT MIN(t8._account_id) FROM "links" AS t8 JOIN "accounts" AS t8a ON t8a.id = t8._account_id WHERE t8._person_id = t4.id AND COALESCE(t8."isActive", TRUE)))) AS "companyId",
  (SELECT TO_CHAR(t9."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"') FROM "accounts" AS t9 WHERE t9.id = COALESCE((SELECT MIN(t10._account_id) FROM "links" AS t10 JOIN "accounts" AS t10a ON t10a.id = t10._account_id WHERE t10._person_id = t4.id AND COALESCE(t10."isActive", TRUE) AND COALESCE(t10."isPrimary" = TRUE, FALSE)), (SELECT MIN(t10._account_id) FROM "links" AS t10 JOIN "accounts" AS t10a ON t10a.id = t10._account_id WHERE t10._person_id = t4.id AND COALESCE(t10."isActive", TRUE)))) AS "companyCreated",
  CAST((
    SELECT COUNT(*)
    FROM "person_events" AS t11
    WHERE t11._owner_id = t4.id
      AND t11."type" IN (CAST(? AS VARCHAR))
        AND t11."occurredAt" >= DATEADD(YEAR, -1, CAST(? AS TIMESTAMP_NTZ(3)))
        AND t11."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
        AND t11."occurredAt" <= CAST(? AS TIMESTAMP_NTZ(3))
  ) AS DOUBLE) AS "visits",
  CAST((
    SELECT COUNT(*)
    FROM "campaign_members" AS t12
    WHERE t12._person_id = t4.id
      AND (
        -- enrich[7].value.where: attribute hasResponded eq
        COALESCE((t12."hasResponded" IN (CAST(? AS BOOLEAN))), FALSE)
      )
  ) AS DOUBLE) AS "campaigns"
FROM "persons" AS t4
WHERE t4.id IN (SELECT id FROM union_3)
ORDER BY t4.id

-- parameters:
-- ? #1 text = "CMO"
-- ? #2 text = "Chief Marketing Officer"
-- ? #3 text = "VP Marketing"
-- ? #4 text = "CIO"
-- ? #5 text = "Visit Webpage"
-- ? #6 text = "Fill Out Form"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 timestamp = "2026-03-31 12:00:00.000"
-- ? #9 timestamp = "2026-03-31 12:00:00.000"
-- ? #10 number = 1
-- ? #11 text = "Visit Webpage"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 timestamp = "2026-03-31 12:00:00.000"
-- ? #15 boolean = true
