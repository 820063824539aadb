// Imported first by the rate limit batching test: a limit large enough that a replica takes points in batches.
process.env.HUB_RATE_LIMIT_PER_MINUTE = '1000';
