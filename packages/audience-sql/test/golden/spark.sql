-- audience regex-ci: regex-ci (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: attribute industry matches (case-insensitive)
  COALESCE(((lower(t0.`industry`) RLIKE concat('(?is)', CAST(? AS STRING)))), FALSE)
ORDER BY t0.id

-- parameters:
-- ? #1 text = "^soft"

;

-- audience string-order: string-order (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: attribute industry gt
  COALESCE((t0.`industry` > CAST(? AS STRING)), FALSE)
ORDER BY t0.id

-- parameters:
-- ? #1 text = "Software"

;

-- audience date-within-month: date-within-month (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: attribute Renewal__c within
  COALESCE((t0.`Renewal__c` >= CAST((CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 MONTH) AS DATE) AND t0.`Renewal__c` <= CAST(CAST(? AS TIMESTAMP_NTZ) AS DATE)), FALSE)
ORDER BY t0.id

-- parameters:
-- ? #1 timestamp = "2026-03-31 12:00:00.000"
-- ? #2 timestamp = "2026-03-31 12:00:00.000"

;

-- audience instant-between: instant-between (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: attribute createdAt within
  COALESCE((t0.`createdAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 YEAR) AND t0.`createdAt` <= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 14 DAY)), FALSE)
ORDER BY t0.id

-- parameters:
-- ? #1 timestamp = "2026-03-31 12:00:00.000"
-- ? #2 timestamp = "2026-03-31 12:00:00.000"

;

-- audience booleans: booleans (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: or of 2
  (
    -- condition.conditions[0]: attribute Strategic__c eq
    COALESCE((t0.`Strategic__c` IN (CAST(? AS BOOLEAN))), FALSE)
    OR
    -- condition.conditions[1]: attribute Strategic__c neq
    COALESCE((t0.`Strategic__c` NOT IN (CAST(? AS BOOLEAN))), FALSE)
  )
ORDER BY t0.id

-- parameters:
-- ? #1 boolean = true
-- ? #2 boolean = true

;

-- audience multi-ci: multi-ci (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: attribute Tags__c containsAny (case-insensitive)
  COALESCE((exists(t0.`Tags__c`, x -> lower(x) = lower(CAST(? AS STRING))) OR exists(t0.`Tags__c`, x -> lower(x) = lower(CAST(? AS STRING)))), FALSE)
ORDER BY t0.id

-- parameters:
-- ? #1 text = "tier 1"
-- ? #2 text = "x"

;

-- audience count-distinct: count-distinct (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: or of 3
  (
    -- condition.conditions[0]: related opportunities countDistinct(stage)
    COALESCE(((
      SELECT COUNT(DISTINCT t1.`stage`)
      FROM `opportunities` AS t1
      WHERE t1._account_id = t0.id
        AND TRUE
    ) >= CAST(? AS DOUBLE)), FALSE)
    OR
    -- condition.conditions[1]: related related:ownedProducts countDistinct(modules)
    COALESCE(((SELECT COUNT(DISTINCT v) FROM (
      SELECT explode(t2.`modules`) AS v FROM `related_ownedProducts` AS t2 JOIN `related_ownedProducts_owners` AS t2o ON t2o._row = t2._row WHERE t2o._owner_id = t0.id AND TRUE
    ) AS elements) = CAST(? AS DOUBLE)), FALSE)
    OR
    -- condition.conditions[2]: related people countDistinct(Nope)
    COALESCE((0 = CAST(? AS DOUBLE)), FALSE)
  )
ORDER BY t0.id

-- parameters:
-- ? #1 number = 2
-- ? #2 number = 2
-- ? #3 number = 0
-- warning: person rows have no field "Nope"; it reads as missing

;

-- audience aggregate-dates: aggregate-dates (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: related opportunities max(closeDate)
  COALESCE(((
    SELECT CAST(MAX(CAST(unix_millis(CAST(t1.`closeDate` AS TIMESTAMP)) AS DOUBLE)) AS DOUBLE)
    FROM `opportunities` AS t1
    WHERE t1._account_id = t0.id
      AND TRUE
  ) >= CAST(? AS DOUBLE)), FALSE)
ORDER BY t0.id

-- parameters:
-- ? #1 number = 1774915200000

;

-- audience people-all: people-all (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: related people all
  NOT EXISTS (
    SELECT 1
    FROM `persons` AS t1 JOIN `links` AS t1l ON t1l._person_id = t1.id
    WHERE t1l._account_id = t0.id AND COALESCE(t1l.`isActive`, TRUE)
      AND NOT (
        -- condition.where: attribute consent.email neq
        COALESCE((t1.`consent.email` <> CAST(? AS STRING)), FALSE)
      )
  )
ORDER BY t0.id

-- parameters:
-- ? #1 text = "denied"

;

-- audience distinct-people: distinct-people (account, version 1)
-- dialect spark; members are the ids the query returns
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: event count of distinct people in window
  COALESCE(((
    SELECT COUNT(DISTINCT t1._owner_id)
    FROM `links` AS t1l JOIN `person_events` AS t1 ON t1._owner_id = t1l._person_id
    WHERE t1l._account_id = t0.id AND COALESCE(t1l.`isActive`, TRUE)
      AND t1.`type` IN (CAST(? AS STRING), CAST(? AS STRING), CAST(? AS STRING), CAST(? AS STRING))
        AND t1.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 6 MONTH)
        AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)
        AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)
  ) >= CAST(? AS DOUBLE)), FALSE)
ORDER BY t0.id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Fill Out Form"
-- ? #3 text = "Open Email"
-- ? #4 text = "Click Email"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 timestamp = "2026-03-31 12:00:00.000"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 number = 2

;

-- audience sequence-any-people: sequence-any-people (account, version 1)
-- dialect spark; members are the ids the query returns
WITH
-- condition: candidate events of the sequence
seq_1_events AS (
  SELECT 2 AS g_kind, t1l._account_id AS g, t1.`occurredAt` AS t, 1 AS src, t1._row AS ord,
    COALESCE((t1.`type` IN (CAST(? AS STRING)) AND t1.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 YEAR) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)), FALSE) AS m0,
    COALESCE((t1.`type` IN (CAST(? AS STRING), CAST(? AS STRING)) AND t1.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 YEAR) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)), FALSE) AS m1,
    COALESCE((t1.`type` IN (CAST(? AS STRING)) AND t1.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 YEAR) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND (t1.`webpage` IS NOT NULL)), FALSE) AS m2
  FROM `links` AS t1l JOIN `person_events` AS t1 ON t1._owner_id = t1l._person_id
  WHERE COALESCE(t1l.`isActive`, TRUE)
  UNION ALL
  SELECT 2 AS g_kind, t2._owner_id AS g, t2.`occurredAt` AS t, 0 AS src, t2._row AS ord,
    COALESCE((t2.`type` IN (CAST(? AS STRING)) AND t2.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 YEAR) AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)), FALSE) AS m0,
    COALESCE((t2.`type` IN (CAST(? AS STRING), CAST(? AS STRING)) AND t2.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 YEAR) AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)), FALSE) AS m1,
    COALESCE((t2.`type` IN (CAST(? AS STRING)) AND t2.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 1 YEAR) AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND FALSE), FALSE) AS m2
  FROM `account_events` AS t2
),
-- condition: step 1 (a chain starts at each matching event)
seq_1_s0 AS (
  SELECT g_kind, g, t, src, ord, t AS s FROM seq_1_events WHERE m0
),
-- condition: step 2 (latest start of a chain before each matching event)
seq_1_s1 AS (
  SELECT g_kind, g, t, src, ord, s FROM (
    SELECT g_kind, g, t, src, ord, kind,
      MAX(prev) OVER (PARTITION BY g_kind, g ORDER BY t, src, ord, kind ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS s
    FROM (
      SELECT g_kind, g, t, src, ord, 1 AS kind, s AS prev FROM seq_1_s0
      UNION ALL
      SELECT g_kind, g, t, src, ord, 0 AS kind, NULL AS prev FROM seq_1_events WHERE m1
    ) AS chained
  ) AS started
  WHERE kind = 0 AND s IS NOT NULL
),
-- condition: step 3 (latest start of a chain before each matching event)
seq_1_s2 AS (
  SELECT g_kind, g, t, src, ord, s FROM (
    SELECT g_kind, g, t, src, ord, kind,
      MAX(prev) OVER (PARTITION BY g_kind, g ORDER BY t, src, ord, kind ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS s
    FROM (
      SELECT g_kind, g, t, src, ord, 1 AS kind, s AS prev FROM seq_1_s1
      UNION ALL
      SELECT g_kind, g, t, src, ord, 0 AS kind, NULL AS prev FROM seq_1_events WHERE m2
    ) AS chained
  ) AS started
  WHERE kind = 0 AND s IS NOT NULL
),
-- condition: groups where the last step is within 1 months of its chain's start
seq_1 AS (
  SELECT DISTINCT g_kind, g FROM seq_1_s2
  WHERE t <= (s + INTERVAL 1 MONTH)
)
SELECT t0.id AS id
FROM `accounts` AS t0
WHERE
  -- condition: sequence of 3 steps within 1 months
  (t0.id IN (SELECT g FROM seq_1 WHERE g_kind = 2))
ORDER BY t0.id

-- parameters:
-- ? #1 text = "Fill Out Form"
-- ? #2 timestamp = "2026-03-31 12:00:00.000"
-- ? #3 timestamp = "2026-03-31 12:00:00.000"
-- ? #4 timestamp = "2026-03-31 12:00:00.000"
-- ? #5 text = "Open Email"
-- ? #6 text = "Intent Surge"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 timestamp = "2026-03-31 12:00:00.000"
-- ? #9 timestamp = "2026-03-31 12:00:00.000"
-- ? #10 text = "Visit Webpage"
-- ? #11 timestamp = "2026-03-31 12:00:00.000"
-- ? #12 timestamp = "2026-03-31 12:00:00.000"
-- ? #13 timestamp = "2026-03-31 12:00:00.000"
-- ? #14 text = "Fill Out Form"
-- ? #15 timestamp = "2026-03-31 12:00:00.000"
-- ? #16 timestamp = "2026-03-31 12:00:00.000"
-- ? #17 timestamp = "2026-03-31 12:00:00.000"
-- ? #18 text = "Open Email"
-- ? #19 text = "Intent Surge"
-- ? #20 timestamp = "2026-03-31 12:00:00.000"
-- ? #21 timestamp = "2026-03-31 12:00:00.000"
-- ? #22 timestamp = "2026-03-31 12:00:00.000"
-- ? #23 text = "Visit Webpage"
-- ? #24 timestamp = "2026-03-31 12:00:00.000"
-- ? #25 timestamp = "2026-03-31 12:00:00.000"
-- ? #26 timestamp = "2026-03-31 12:00:00.000"

;

-- audience sequence-hours: sequence-hours (person, version 1)
-- dialect spark; members are the ids the query returns
WITH
-- condition: candidate events of the sequence
seq_1_events AS (
  SELECT 1 AS g_kind, t1._owner_id AS g, t1.`occurredAt` AS t, 1 AS src, t1._row AS ord,
    COALESCE((t1.`type` IN (CAST(? AS STRING)) AND t1.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 2 YEAR) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)), FALSE) AS m0,
    COALESCE((t1.`type` IN (CAST(? AS STRING), CAST(? AS STRING)) AND t1.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 2 YEAR) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ) AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)), FALSE) AS m1
  FROM `person_events` AS t1
),
-- condition: step 1 (a chain starts at each matching event)
seq_1_s0 AS (
  SELECT g_kind, g, t, src, ord, t AS s FROM seq_1_events WHERE m0
),
-- condition: step 2 (latest start of a chain before each matching event)
seq_1_s1 AS (
  SELECT g_kind, g, t, src, ord, s FROM (
    SELECT g_kind, g, t, src, ord, kind,
      MAX(prev) OVER (PARTITION BY g_kind, g ORDER BY t, src, ord, kind ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS s
    FROM (
      SELECT g_kind, g, t, src, ord, 1 AS kind, s AS prev FROM seq_1_s0
      UNION ALL
      SELECT g_kind, g, t, src, ord, 0 AS kind, NULL AS prev FROM seq_1_events WHERE m1
    ) AS chained
  ) AS started
  WHERE kind = 0 AND s IS NOT NULL
),
-- condition: groups where the last step is within 36 hours of its chain's start
seq_1 AS (
  SELECT DISTINCT g_kind, g FROM seq_1_s1
  WHERE t <= (s + INTERVAL 36 HOUR)
)
SELECT t0.id AS id
FROM `persons` AS t0
WHERE
  -- condition: sequence of 2 steps within 36 hours
  (t0.id IN (SELECT g FROM seq_1 WHERE g_kind = 1))
ORDER BY t0.id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 timestamp = "2026-03-31 12:00:00.000"
-- ? #3 timestamp = "2026-03-31 12:00:00.000"
-- ? #4 timestamp = "2026-03-31 12:00:00.000"
-- ? #5 text = "Visit Webpage"
-- ? #6 text = "Fill Out Form"
-- ? #7 timestamp = "2026-03-31 12:00:00.000"
-- ? #8 timestamp = "2026-03-31 12:00:00.000"
-- ? #9 timestamp = "2026-03-31 12:00:00.000"

;

-- audience reference: reference (account, version 1)
-- dialect spark; members are the ids the query returns
WITH
-- audience engaged (account, version 2)
ref_1 AS (
  SELECT t0.id AS id
  FROM `accounts` AS t0
  WHERE
    -- condition: event count in window
    COALESCE(((
      SELECT COUNT(*)
      FROM `links` AS t1l JOIN `person_events` AS t1 ON t1._owner_id = t1l._person_id
      WHERE t1l._account_id = t0.id AND COALESCE(t1l.`isActive`, TRUE)
        AND t1.`type` IN (CAST(? AS STRING), CAST(? AS STRING))
          AND t1.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 30 DAY)
          AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)
          AND t1.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)
    ) + (
      SELECT COUNT(*)
      FROM `account_events` AS t2
      WHERE t2._owner_id = t0.id
        AND t2.`type` IN (CAST(? AS STRING), CAST(? AS STRING))
          AND t2.`occurredAt` >= (CAST(? AS TIMESTAMP_NTZ) - INTERVAL 30 DAY)
          AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)
          AND t2.`occurredAt` <= CAST(? AS TIMESTAMP_NTZ)
    ) >= CAST(? AS DOUBLE)), FALSE)
)
SELECT t3.id AS id
FROM `accounts` AS t3
WHERE
  -- condition: and of 2
  (
    -- condition.conditions[0]: member of audience engaged
    (t3.id IN (SELECT id FROM ref_1))
    AND
    -- condition.conditions[1]: not
    NOT (
      -- condition.conditions[1].condition: or of 3
      (
        -- condition.conditions[1].condition.conditions[0]: attribute industry contains
        COALESCE(((instr(t3.`industry`, CAST(? AS STRING)) > 0)), FALSE)
        OR
        -- condition.conditions[1].condition.conditions[1]: attribute country startsWith
        COALESCE((startswith(t3.`country`, CAST(? AS STRING))), FALSE)
        OR
        -- condition.conditions[1].condition.conditions[2]: attribute domain endsWith
        COALESCE((endswith(t3.`domain`, CAST(? AS STRING))), FALSE)
      )
    )
  )
ORDER BY t3.id

-- parameters:
-- ? #1 text = "Visit Webpage"
-- ? #2 text = "Intent Surge"
-- ? #3 timestamp = "2026-03-31 12:00:00.000"
-- ? #4 timestamp = "2026-03-31 12:00:00.000"
-- ? #5 timestamp = "2026-03-31 12:00:00.000"
-- ? #6 text = "Visit Webpage"
-- ? #7 text = "Intent Surge"
-- ? #8 timestamp = "2026-03-31 12:00:00.000"
-- ? #9 timestamp = "2026-03-31 12:00:00.000"
-- ? #10 timestamp = "2026-03-31 12:00:00.000"
-- ? #11 number = 1
-- ? #12 text = "are"
-- ? #13 text = "D"
-- ? #14 text = "3.com"
