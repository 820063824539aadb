// Imported first by the audit backlog test: a small audit buffer limit (the config reads it at import).
process.env.HUB_AUDIT_BUFFER_MAX = '1000';
