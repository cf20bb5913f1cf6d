# Sourced by the benchmarks and the scale-out drill (not run): CPU time of processes, read from /proc, so a
# figure can say what a machine's load average cannot.

# cpu_seconds PID...: user + system CPU seconds the processes have used so far (an exited one counts 0)
cpu_seconds() {
  local tck; tck=$(getconf CLK_TCK)
  for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk -v t="$tck" '{s += $1} END {printf "%.2f", s / t}'
}

# postgres_pids CLUSTER: the postmaster of a cluster scripts/postgres started in CLUSTER, and its children
postgres_pids() {
  local pm; pm=$(head -1 "$1/data/postmaster.pid")
  echo "$pm $(pgrep -P "$pm" | tr '\n' ' ')"
}
