// Imported first by policy tests: agreements are required, as in production (the config reads this at import).
process.env.HUB_AGREEMENTS = 'required';
