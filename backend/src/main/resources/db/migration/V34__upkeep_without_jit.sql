-- The report upkeep runs on every change: the planner's estimate of one request's stage rows is far
-- too high at city scale, which made each change pay about 250 ms of JIT compilation for a plan that
-- runs in a millisecond (2,000 updates took 10 minutes). No JIT in the upkeep.
ALTER FUNCTION refresh_report_facts(uuid[]) SET jit = off;
ALTER FUNCTION report_facts_of_requests() SET jit = off;
ALTER FUNCTION report_facts_of_stages() SET jit = off;
ALTER FUNCTION report_day_apply(report_fact[], report_fact[]) SET jit = off;
ALTER FUNCTION report_day_of_facts() SET jit = off;
