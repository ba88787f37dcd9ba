/**
 * Loads every module that declares settings, so the table is complete before it is validated or
 * printed. Stage and provider folders register their settings modules here.
 */
export async function loadAllSettings(): Promise<void> {
  await Promise.all([import('./core-settings.ts')]);
}
