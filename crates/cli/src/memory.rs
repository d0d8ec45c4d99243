//! How the process allocates memory, shared by `lianxin` and the benchmark tool (which includes
//! this file), so the benchmarks measure what the server does.

/// Rust's allocations go to mimalloc (per-thread heaps without shared locks): the queue reads of
/// `bench/appeals-reads` gained about 45 % over glibc's malloc, and the sweep's peak memory stayed
/// under 180 MB. SQLite, in C, keeps glibc's malloc, which [`limit_malloc_arenas`] tunes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// glibc gives each thread that allocates its own heap arena (up to 8 per core), and the SQLite
/// driver's worker threads each hold one. With glibc for everything, two arenas kept a sweep of
/// 100 000 overdue appeals at about 155 MB (four: 198 MB, glibc's default: 187–209 MB, on
/// `bench/appeals-sweep`), at a cost to concurrent reads (about 3 600–5 000 requests/s with two,
/// 5 100 with four, 6 400 with the default, on `bench/appeals-reads`); SQLite's own allocations
/// still go here. `MALLOC_ARENA_MAX` in the environment overrides it.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // glibc's own setting, when given, decides instead.
        if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
            return;
        }
        // SAFETY: mallopt only sets an allocator parameter; called first thing, before any thread.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}
