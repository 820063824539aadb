// Imported first by the report-mode test: every handshake is followed by a check (the config reads this at import).
process.env.HUB_ONBOARDING_CHECK = 'report';
