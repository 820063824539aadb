// Imported first by the overload tests: a small per-platform rate limit and body limit (the config reads these at
// import).
process.env.HUB_RATE_LIMIT_PER_MINUTE = '20';
process.env.HUB_BODY_LIMIT = '10kb';
