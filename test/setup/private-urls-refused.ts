// Imported first by security tests: the private-address guard runs as in production (the config reads this at import).
delete process.env.HUB_ALLOW_PRIVATE_URLS;
