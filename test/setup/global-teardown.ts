// Stops the run's embedded engine.
export default async function globalTeardown(): Promise<void> {
  await globalThis.__HUB_TEST_ENGINE__?.stop();
}
