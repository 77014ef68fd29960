/**
 * The glibc malloc settings the warehouse child runs with, from this
 * process's environment where it sets them, else: two arenas, and blocks of
 * 128 KiB or more mapped on their own and handed back when freed (a fixed
 * mmap threshold), with free memory at the top of the heap trimmed past
 * 128 KiB. DuckDB's Node.js build allocates with the system's malloc; glibc's
 * defaults keep memory DuckDB freed (per-thread arenas, a threshold that
 * rises after large frees), so the process's RSS grows from statement to
 * statement far past DuckDB's memory_limit. Other C libraries ignore these
 * variables.
 */
export function glibcMallocEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2",
    MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? "131072",
    MALLOC_TRIM_THRESHOLD_: env.MALLOC_TRIM_THRESHOLD_ ?? "131072",
  };
}
