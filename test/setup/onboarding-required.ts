// Imported first by the onboarding gate's tests: a new platform is held until its check passes (the config reads this
// at import).
process.env.HUB_ONBOARDING_CHECK = 'required';
